package io.activitygateway.source.worksection;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Actor;
import io.activitygateway.model.EventType;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.model.TimePrecision;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One {@code get_events} record as a {@link SourceEvent}. */
final class RecordMapper {

    private static final Map<String, EventType> ACTIONS = Map.of(
            "post", EventType.CREATED,
            "update", EventType.UPDATED,
            "close", EventType.CLOSED,
            "reopen", EventType.REOPENED,
            "delete", EventType.DELETED);

    private final Links links;

    RecordMapper(Links links) {
        this.links = links;
    }

    /** Why the record cannot become an event at all (it would have no action, object or time), if so. */
    static Optional<String> missingEssentials(JsonNode record) {
        if (!record.isObject()) {
            return Optional.of("a record is " + record.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not an object");
        }
        if (text(record.path("action")) == null) {
            return Optional.of("no action");
        }
        JsonNode object = record.path("object");
        if (text(object.path("type")) == null || text(object.path("id")) == null) {
            return Optional.of("no object type and id");
        }
        if (text(record.path("date_added")) == null) {
            return Optional.of("no date_added");
        }
        return Optional.empty();
    }

    /** Maps a record that has its essentials; {@code changes} are read by the caller to report their problems. */
    SourceEvent map(JsonNode record, String key, Instant occurredAt, TimePrecision precision, Changes changes) {
        String action = text(record.path("action"));
        EventType type = ACTIONS.getOrDefault(action, EventType.OTHER);
        JsonNode object = record.path("object");
        String page = text(object.path("page"));
        ObjectRef ref = new ObjectRef(text(object.path("type")), text(object.path("id")),
                nameOf(record), links.url(page));
        ObjectRef container = "project".equals(ref.type()) ? null : links.projectOf(page);
        JsonNode user = record.path("user_from");
        Actor actor = new Actor(text(user.path("id")), text(user.path("name")), text(user.path("email")));
        String summary = Summary.of(actor, action, type, ref, changes.fields());
        return new SourceEvent(key, key, type, action, occurredAt, precision, null, actor, ref, container,
                changes.fields(), summary, record);
    }

    /** A project's or task's name when the record sets it (creation, rename). */
    private static String nameOf(JsonNode record) {
        for (String field : new String[] {"name", "title"}) {
            String value = text(record.path("new").path(field));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A scalar as trimmed text; null when absent, null, blank or not a scalar. */
    static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String value = node.asText().strip();
        return value.isEmpty() ? null : value;
    }
}
