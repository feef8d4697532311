package io.activitygateway.source.kantata;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Actor;
import io.activitygateway.model.EventType;
import io.activitygateway.model.FieldChange;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.spi.OneLine;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One plain-text sentence for an event, e.g. {@code User 7 updated time entry 123 (time_in_minutes: 60 → 90)}.
 * Bounded: a few changed fields, short values, one line.
 */
final class Summary {

    static final int MAX_LENGTH = 300;
    private static final int MAX_FIELDS = 3;
    private static final int MAX_VALUE = 40;
    private static final int MAX_NAME = 60;

    private Summary() {
    }

    /**
     * @param action the part of {@code event_type} after the colon, e.g. {@code updated}
     */
    static String of(Actor actor, EventType type, String action, ObjectRef object, List<FieldChange> changes) {
        StringBuilder text = new StringBuilder()
                .append(who(actor)).append(' ')
                .append(action.replace('_', ' ')).append(' ')
                .append(object.type().replace('_', ' ')).append(' ').append(object.id());
        if (object.name() != null) {
            text.append(" \"").append(clip(oneLine(object.name()), MAX_NAME)).append('"');
        }
        // A creation's or deletion's payload_changes list every field from or to nothing: noise in one sentence.
        if (!changes.isEmpty() && type != EventType.CREATED && type != EventType.DELETED) {
            text.append(" (").append(changes.stream().limit(MAX_FIELDS).map(Summary::change)
                    .collect(Collectors.joining(", ")));
            if (changes.size() > MAX_FIELDS) {
                text.append(", +").append(changes.size() - MAX_FIELDS).append(" more");
            }
            text.append(')');
        }
        return clip(text.toString(), MAX_LENGTH);
    }

    private static String who(Actor actor) {
        if (actor.name() != null) {
            return oneLine(actor.name());
        }
        return actor.id() != null ? "User " + actor.id() : "Someone";
    }

    private static String change(FieldChange change) {
        return change.field() + ": " + value(change.oldValue()) + " → " + value(change.newValue());
    }

    private static String value(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "none";
        }
        if (value.isTextual()) {
            return "\"" + clip(oneLine(value.asText()), MAX_VALUE) + "\"";
        }
        return clip(value.isValueNode() ? value.asText() : value.toString(), MAX_VALUE);
    }

    private static String oneLine(String text) {
        return OneLine.of(text);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
