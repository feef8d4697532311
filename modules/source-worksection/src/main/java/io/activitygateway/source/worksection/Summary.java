package io.activitygateway.source.worksection;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Actor;
import io.activitygateway.model.EventType;
import io.activitygateway.model.FieldChange;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.spi.OneLine;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One plain-text sentence per record, e.g. {@code Jane Doe updated task 42 (date_end: 2026-01-01 → 2026-01-05)}
 * or {@code Jane Doe created task 42 "Design review"}.
 */
final class Summary {

    private static final int MAX_FIELDS = 3;
    private static final int MAX_VALUE = 60;

    private Summary() {
    }

    static String of(Actor actor, String action, EventType type, ObjectRef object, List<FieldChange> changes) {
        StringBuilder s = new StringBuilder()
                .append(who(actor)).append(' ')
                .append(type == EventType.OTHER ? "did \"" + action + "\" on" : type.wireName()).append(' ')
                .append(object.type() == null ? "item" : object.type()).append(' ').append(object.id());
        if (object.name() != null) {
            s.append(" \"").append(shorten(object.name())).append('"');
        }
        List<FieldChange> updated = changes.stream().filter(c -> !c.oldValue().isNull()).toList();
        if (!updated.isEmpty()) {
            String listed = updated.stream().limit(MAX_FIELDS)
                    .map(c -> c.field() + ": " + value(c.oldValue()) + " → " + value(c.newValue()))
                    .collect(Collectors.joining("; "));
            int more = updated.size() - MAX_FIELDS;
            s.append(" (").append(listed).append(more > 0 ? "; " + more + " more" : "").append(')');
        }
        return s.toString();
    }

    private static String who(Actor actor) {
        if (actor.name() != null) {
            return actor.name();
        }
        if (actor.email() != null) {
            return actor.email();
        }
        return actor.id() != null ? "user " + actor.id() : "Someone";
    }

    private static String value(JsonNode v) {
        if (v.isNull()) {
            return "none";
        }
        return shorten(v.isValueNode() ? v.asText() : v.toString());
    }

    private static String shorten(String text) {
        String flat = OneLine.of(text);
        return flat.length() > MAX_VALUE ? flat.substring(0, MAX_VALUE - 1) + "…" : flat;
    }
}
