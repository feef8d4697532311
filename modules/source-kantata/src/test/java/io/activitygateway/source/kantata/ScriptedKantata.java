package io.activitygateway.source.kantata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.activitygateway.model.Json;
import io.activitygateway.model.ObjectTypes;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceHttp;
import io.activitygateway.spi.SourceRequest;
import io.activitygateway.spi.SourceResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An in-process {@code subscribed_events} for the adapter's loop, with hooks that change the data between two
 * requests (retention dropping the oldest events, late events appearing), which the sandbox cannot time. The
 * filters follow the conventions: {@code created_after}/{@code created_before} exclusive, ties in id order.
 */
final class ScriptedKantata implements SourceHttp {

    /** One stored event: its id and record. */
    record Stored(String id, Instant createdAt, ObjectNode record) {
    }

    private final List<Stored> events = new ArrayList<>();
    private final List<SourceRequest> requests = new ArrayList<>();
    private Consumer<ScriptedKantata> beforeEachRequest = k -> { };
    private boolean descending;

    /** A {@code time_entry:updated} whose change is unique to its id. */
    ScriptedKantata add(long id, Instant createdAt) {
        return add(id, createdAt, "TimeEntry");
    }

    ScriptedKantata add(long id, Instant createdAt, String subjectType) {
        ObjectNode record = Json.mapper().createObjectNode()
                .put("account_id", 1)
                .put("created_at", createdAt.toString())
                .put("event_type", ObjectTypes.normalize(subjectType) + ":updated")
                .put("subject_changed_at", createdAt.minusSeconds(5).toString())
                .put("subject_id", 1000 + id)
                .put("subject_type", subjectType)
                .put("user_id", 7);
        record.putObject("payload_changes").putArray("time_in_minutes").add(id).add(id + 1);
        events.add(new Stored(Long.toString(id), createdAt, record));
        return this;
    }

    ScriptedKantata beforeEachRequest(Consumer<ScriptedKantata> hook) {
        this.beforeEachRequest = hook;
        return this;
    }

    /** Answers newest first whatever is asked, as Kantata's default order would. */
    ScriptedKantata ignoringOrder() {
        this.descending = true;
        return this;
    }

    /** Drops events created before {@code instant}, the way retention does. */
    void dropBefore(Instant instant) {
        events.removeIf(e -> e.createdAt().isBefore(instant));
    }

    List<SourceRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public SourceResponse send(SourceRequest request) throws SourceException {
        beforeEachRequest.accept(this);
        requests.add(request);
        Instant after = Instant.parse(request.param("created_after"));
        Instant before = Instant.parse(request.param("created_before"));
        String subjectType = request.param("subject_type");
        Comparator<Stored> order = Comparator.comparing(Stored::createdAt).thenComparing(s -> Long.parseLong(s.id()));
        List<Stored> matching = events.stream()
                .filter(e -> e.createdAt().isAfter(after) && e.createdAt().isBefore(before))
                .filter(e -> subjectType == null || subjectType.equals(e.record().get("subject_type").asText()))
                .sorted(descending ? order.reversed() : order)
                .toList();
        int perPage = Integer.parseInt(request.param("per_page"));
        int page = Integer.parseInt(request.param("page"));
        List<Stored> slice = matching.subList(Math.min(matching.size(), (page - 1) * perPage),
                Math.min(matching.size(), page * perPage));
        ObjectNode body = Json.mapper().createObjectNode().put("count", matching.size());
        body.putObject("meta").put("count", matching.size())
                .put("page_count", (matching.size() + perPage - 1) / perPage)
                .put("page_number", page).put("page_size", perPage);
        ArrayNode results = body.putArray("results");
        ObjectNode map = body.putObject("subscribed_events");
        for (Stored s : slice) {
            results.addObject().put("key", "subscribed_events").put("id", s.id());
            map.set(s.id(), s.record());
        }
        return new SourceResponse(200, Map.of(), body.toString().getBytes(StandardCharsets.UTF_8));
    }

}
