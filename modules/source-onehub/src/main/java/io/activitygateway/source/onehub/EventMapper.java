package io.activitygateway.source.onehub;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Actor;
import io.activitygateway.model.EventType;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.model.TimePrecision;
import io.activitygateway.source.onehub.DetailParser.Detail;
import io.activitygateway.spi.IsoInstants;
import io.activitygateway.spi.RecordProblem;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Optional;

/** Turns one {@code items[]} entry of {@code /activity/} or an audit trail into a unified event. */
final class EventMapper {

    /**
     * @param event   the event, or null when the record was set aside
     * @param problem why the record was set aside or only partly read, or null when it was read whole
     */
    record Mapped(SourceEvent event, RecordProblem problem) {
    }

    private final ZoneId zone;
    private final URI webOrigin;
    private final DetailParser details;

    EventMapper(ZoneId zone, URI webOrigin) {
        this.zone = zone;
        this.webOrigin = webOrigin;
        this.details = new DetailParser(webOrigin);
    }

    Mapped map(JsonNode item) {
        // the documented shape wraps each event ({"event": {...}}); an unwrapped one is read the same
        JsonNode event = item.has("event") || !item.has("id") ? item.path("event") : item;
        if (!event.isObject()) {
            return setAside("the item has no \"event\" object", item.toString());
        }
        String id = id(event.path("id"));
        if (id == null) {
            return setAside("the event has no numeric \"id\"", item.toString());
        }
        Optional<Instant> updatedAt = instant(event.path("updated_at").asText(""));
        if (updatedAt.isEmpty()) {
            return new Mapped(null, RecordProblem.setAside("event " + id + " has no readable \"updated_at\": "
                    + event.path("updated_at"), item.toString()).ofRecord(id));
        }
        Detail detail = details.parse(event.path("detail").isTextual() ? event.get("detail").asText() : null);
        List<ObjectRef> objects = detail.objects();
        SourceEvent mapped = new SourceEvent(id, id,
                // a detail outside the grammar may name the verb wrongly: only the verb is kept, as sourceType
                detail.issues().isEmpty() ? PredicateTypes.of(detail.predicate()) : EventType.OTHER,
                detail.predicate(),
                updatedAt.get(),
                TimePrecision.SECOND,
                null,
                new Actor(id(event.path("user_id")), detail.subject(), null),
                objects.isEmpty() ? new ObjectRef(null, null, null, null) : objects.get(0),
                container(objects, id(event.path("workspace_id"))),
                List.of(),
                detail.text().isEmpty() ? "Onehub event " + id + " (no detail)" : detail.text(),
                item);
        RecordProblem problem = detail.issues().isEmpty() ? null : RecordProblem.storedPartially(
                "event " + id + ": " + String.join("; ", detail.issues()) + " (stored as type "
                        + mapped.type().wireName() + " with what could be read)", item.toString())
                .ofRecord(id);
        return new Mapped(mapped, problem);
    }

    /**
     * Where it happened: the detail's later Workspace object, else its later Folder object, else the record's
     * {@code workspace_id} (a workspace without a name).
     */
    private ObjectRef container(List<ObjectRef> objects, String workspaceId) {
        List<ObjectRef> later = objects.stream().skip(1).toList();
        return later.stream().filter(o -> "workspace".equals(o.type())).findFirst()
                .or(() -> later.stream().filter(o -> "folder".equals(o.type())).findFirst())
                .orElse(workspaceId == null ? null : new ObjectRef("workspace", workspaceId, null,
                        webOrigin + "/workspaces/" + workspaceId));
    }

    private static Mapped setAside(String reason, String raw) {
        return new Mapped(null, RecordProblem.setAside(reason, raw));
    }

    /** A positive whole number, written as a JSON number or a string of digits; else null. */
    private static String id(JsonNode node) {
        String text = node.isIntegralNumber() || node.isTextual() ? node.asText().strip() : "";
        // by hand, not two regexes per id: this runs for two ids of every event
        boolean nonZero = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            nonZero |= c != '0';
        }
        return nonZero ? text : null;
    }

    /**
     * {@code updated_at} is ISO-8601 with the user's offset; a time without one is read in the configured zone,
     * and an RFC-2822 time (the format of the request parameters) is accepted too.
     */
    Optional<Instant> instant(String text) {
        Instant plain = IsoInstants.plain(text.strip());
        if (plain != null) {
            return Optional.of(plain);
        }
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.strip(), OffsetDateTime::from,
                    LocalDateTime::from);
            return Optional.of(t instanceof OffsetDateTime o ? o.toInstant()
                    : ((LocalDateTime) t).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
            } catch (DateTimeParseException notRfc) {
                return Optional.empty();
            }
        }
    }
}
