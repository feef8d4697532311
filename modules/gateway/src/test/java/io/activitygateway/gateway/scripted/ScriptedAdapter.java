package io.activitygateway.gateway.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Actor;
import io.activitygateway.model.EventType;
import io.activitygateway.model.FieldChange;
import io.activitygateway.model.Json;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.Gap;
import io.activitygateway.spi.PollContext;
import io.activitygateway.spi.RecordProblem;
import io.activitygateway.spi.Secret;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads a scripted feed page by page, committing each page with the index to resume after. */
final class ScriptedAdapter implements io.activitygateway.spi.SourceAdapter {

    record Position(int after) {
    }

    private final int pageSize;
    private final Secret token;

    ScriptedAdapter(int pageSize, Secret token) {
        this.pageSize = pageSize;
        this.token = token;
    }

    @Override
    public void poll(PollContext context) throws SourceException {
        int after = context.checkpoint().map(c -> c.as(Position.class).after()).orElse(0);
        boolean more = true;
        while (more && !context.stopRequested()) {
            String body = context.http().send(SourceRequest.get("records").param("after", after)
                    .param("limit", pageSize).bearer(token).build()).text();
            JsonNode page;
            try {
                page = Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new SourceException("not JSON: " + e.getMessage(), e);
            }
            List<SourceEvent> events = new ArrayList<>();
            List<RecordProblem> problems = new ArrayList<>();
            for (JsonNode r : page.path("records")) {
                try {
                    events.add(map(r));
                } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
                    problems.add(RecordProblem.setAside("unreadable record: " + e.getMessage(), r.toString()));
                }
            }
            List<Gap> gaps = new ArrayList<>();
            if (page.hasNonNull("lost")) {
                gaps.add(new Gap(Instant.parse(page.path("lost").path("from").asText()),
                        Instant.parse(page.path("lost").path("to").asText()), page.path("lost").path("reason").asText()));
            }
            if (page.hasNonNull("warning")) {
                context.warn(page.path("warning").asText());
            }
            after = page.path("next").asInt();
            more = page.path("more").asBoolean();
            context.commit(new Batch(events, problems, gaps, Checkpoint.of(new Position(after))));
        }
    }

    private static SourceEvent map(JsonNode r) {
        String id = r.get("id").asText();
        String type = r.get("type").asText();
        List<FieldChange> changes = new ArrayList<>();
        r.path("changes").fields().forEachRemaining(f -> changes.add(
                new FieldChange(f.getKey(), f.getValue().path(0), f.getValue().path(1))));
        return new SourceEvent(id, id, EventType.fromWireName(type).orElse(EventType.OTHER), "doc:" + type,
                Instant.parse(r.get("at").asText()), null, null,
                new Actor(r.path("actor").asText(null), "User " + r.path("actor").asText(), null),
                new ObjectRef("Document", r.path("object").asText(null), r.path("name").asText(null), null),
                r.hasNonNull("container") ? new ObjectRef("space", r.get("container").asText(), null, null) : null,
                changes, r.path("summary").asText(""), r);
    }
}
