package io.activitygateway.source.kantata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.activitygateway.model.Actor;
import io.activitygateway.model.EventType;
import io.activitygateway.model.FieldChange;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.model.TimePrecision;
import io.activitygateway.spi.RecordProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** Turns one {@code subscribed_events} record, with the side-loaded records of its page, into a unified event. */
final class EventMapper {

    /** Where side-loaded records keep a display name, in order of preference. */
    private static final List<String> DISPLAY_FIELDS = List.of("title", "name", "full_name", "notes");
    private static final String WORKSPACE = "workspace";

    /**
     * What became of one record.
     *
     * @param event   the event, or null when the record was set aside
     * @param problem why the record was set aside or could be read only in part; null when all went well
     */
    record Outcome(SourceEvent event, RecordProblem problem) {
    }

    Outcome map(EventsPage.Entry entry, EventsPage page) {
        Outcome outcome = read(entry, page);
        // One malformed event is one problem however often it is re-read, even when its copy changed between reads.
        return outcome.problem() == null ? outcome
                : new Outcome(outcome.event(), outcome.problem().ofRecord(entry.id()));
    }

    private Outcome read(EventsPage.Entry entry, EventsPage page) {
        String label = "subscribed event " + (entry.id().isEmpty() ? "(no id)" : entry.id());
        if (entry.record() == null) {
            return new Outcome(null, RecordProblem.setAside(label + ": listed in results but subscribed_events"
                    + " holds no such record", entry.rawText()));
        }
        if (!entry.record().isObject()) {
            return new Outcome(null, RecordProblem.setAside(label + ": is not a JSON object", entry.rawText()));
        }
        try {
            List<String> unread = new ArrayList<>();
            SourceEvent event = event(entry, page, unread);
            RecordProblem problem = unread.isEmpty() ? null
                    : RecordProblem.storedPartially(label + ": " + String.join("; ", unread), entry.rawText());
            return new Outcome(event, problem);
        } catch (IllegalArgumentException malformed) {
            return new Outcome(null, RecordProblem.setAside(label + ": " + malformed.getMessage(),
                    entry.rawText()));
        }
    }

    /**
     * @param unread collects what could not be read while the event could still be made
     * @throws IllegalArgumentException when a field the event cannot do without is missing or malformed
     */
    private SourceEvent event(EventsPage.Entry entry, EventsPage page, List<String> unread) {
        JsonNode record = entry.record();
        String eventType = requiredText(record, "event_type");
        int colon = eventType.indexOf(':');
        if (colon <= 0 || colon == eventType.length() - 1) {
            throw new IllegalArgumentException("event_type '" + eventType + "' is not of the form object:action");
        }
        String objectType = eventType.substring(0, colon);
        String action = eventType.substring(colon + 1);
        String subjectType = requiredText(record, "subject_type");
        String subjectId = requiredId(record, "subject_id");
        Instant occurredAt = KantataTimes.read(record, "subject_changed_at");
        Instant recordedAt = KantataTimes.read(record, "created_at");
        String userId = optionalId(record, "user_id", unread);

        JsonNode payloadChanges = payload(record, "payload_changes", unread);
        List<FieldChange> changes = changes(payloadChanges, unread);
        JsonNode subject = subject(record, page);
        JsonNode current = payload(record, "current_payload", unread);
        JsonNode previous = payload(record, "previous_payload", unread);

        EventType type = type(action);
        ObjectRef object = new ObjectRef(objectType, subjectId, firstDisplayName(subject, current, previous), null);
        ObjectRef container = container(object, page, subject, current, previous);
        Actor actor = actor(userId, page);
        return new SourceEvent(
                ChangeKey.of(eventType, subjectType, subjectId, occurredAt, userId, record.path("payload_changes")),
                entry.id().isEmpty() ? null : entry.id(),
                type,
                eventType,
                occurredAt,
                TimePrecision.SECOND,
                recordedAt,
                actor,
                object,
                container,
                changes,
                Summary.of(actor, type, action, object, changes),
                record);
    }

    static EventType type(String action) {
        return switch (action) {
            case "created" -> EventType.CREATED;
            case "updated" -> EventType.UPDATED;
            case "deleted" -> EventType.DELETED;
            default -> EventType.OTHER;
        };
    }

    /** {@code payload_changes} maps each changed field to {@code [old, new]}, the Rails {@code saved_changes} shape. */
    private static List<FieldChange> changes(JsonNode payloadChanges, List<String> unread) {
        if (payloadChanges.isMissingNode()) {
            return List.of();
        }
        if (!payloadChanges.isObject()) {
            unread.add("payload_changes is not an object of field: [old, new]");
            return List.of();
        }
        List<FieldChange> changes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = payloadChanges.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isArray() && value.size() == 2) {
                changes.add(new FieldChange(field.getKey(), value.get(0), value.get(1)));
            } else {
                unread.add("payload_changes." + field.getKey() + " is not [old, new]; kept as the new value");
                changes.add(new FieldChange(field.getKey(), null, value));
            }
        }
        return changes;
    }

    private static JsonNode payload(JsonNode record, String field, List<String> unread) {
        try {
            return EmbeddedJson.value(record.path(field), field);
        } catch (IllegalArgumentException e) {
            unread.add(e.getMessage());
            return MissingNode.getInstance();
        }
    }

    /** The side-loaded subject ({@code include=subject}); missing when Kantata gave none (e.g. it was deleted). */
    private static JsonNode subject(JsonNode record, EventsPage page) {
        JsonNode ref = record.path("subject_ref");
        return page.sideLoaded(textOrNull(ref.path("key")), textOrNull(ref.path("id")));
    }

    private static ObjectRef container(ObjectRef object, EventsPage page, JsonNode... sources) {
        if (WORKSPACE.equals(object.type())) {
            return null;
        }
        return Stream.of(sources).map(s -> idOrNull(s.path("workspace_id"))).filter(id -> id != null)
                .findFirst()
                .map(id -> new ObjectRef(WORKSPACE, id, firstDisplayName(page.sideLoaded("workspaces", id)), null))
                .orElse(null);
    }

    /** Actor {@code user_id}, with name and e-mail when that user happens to be side-loaded on the same page. */
    private static Actor actor(String userId, EventsPage page) {
        if (userId == null) {
            return Actor.UNKNOWN;
        }
        JsonNode user = page.sideLoaded("users", userId);
        String name = Optional.ofNullable(textOrNull(user.path("full_name"))).orElse(textOrNull(user.path("name")));
        String email = Optional.ofNullable(textOrNull(user.path("email_address")))
                .orElse(textOrNull(user.path("email")));
        return new Actor(userId, name, email);
    }

    private static String firstDisplayName(JsonNode... sources) {
        for (JsonNode source : sources) {
            for (String field : DISPLAY_FIELDS) {
                String value = textOrNull(source.path(field));
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    private static String requiredText(JsonNode record, String field) {
        return required(record, field, EventMapper::textOrNull, "text");
    }

    private static String requiredId(JsonNode record, String field) {
        return required(record, field, EventMapper::idOrNull, "an id");
    }

    private static String required(JsonNode record, String field, Function<JsonNode, String> reader,
            String expected) {
        String value = reader.apply(record.path(field));
        if (value == null) {
            throw new IllegalArgumentException(field + (record.hasNonNull(field) ? " is not " + expected + ": "
                    + record.get(field) : " is missing"));
        }
        return value;
    }

    private static String optionalId(JsonNode record, String field, List<String> unread) {
        JsonNode node = record.path(field);
        String value = idOrNull(node);
        if (value == null && !node.isMissingNode() && !node.isNull()) {
            unread.add(field + " is not an id: " + node);
        }
        return value;
    }

    /** Ids come as numbers or strings of digits; both read as the same text. */
    private static String idOrNull(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        return textOrNull(node);
    }

    private static String textOrNull(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
