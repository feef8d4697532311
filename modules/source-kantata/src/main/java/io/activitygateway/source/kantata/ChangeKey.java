package io.activitygateway.source.kantata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.activitygateway.model.EventIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The key of a Kantata event: a fingerprint of the change itself, not of its upstream id nor its
 * {@code created_at}, because Kantata sometimes emits one change twice under two ids with different
 * {@code created_at}. Both copies carry the same {@code event_type}, subject, {@code subject_changed_at},
 * {@code user_id} and {@code payload_changes}, so they get one key, and the gateway stores the change once.
 *
 * <p>The price: two genuinely different changes equal in all of these (same user, same subject, same second,
 * same fields from the same old values to the same new ones) would be stored as one.
 */
final class ChangeKey {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChangeKey() {
    }

    /**
     * @param payloadChanges {@code payload_changes} as received: an object, a string holding it (both give the
     *                       same key), a string that is not JSON (its text counts), or missing
     */
    static String of(String eventType, String subjectType, String subjectId, Instant subjectChangedAt,
            String userId, JsonNode payloadChanges) {
        ArrayNode parts = NODES.arrayNode()
                .add(eventType)
                .add(subjectType)
                .add(subjectId)
                .add(subjectChangedAt.toString())
                .add(userId)
                .add(canonical(readable(payloadChanges)));
        return EventIds.fingerprint(parts.toString());
    }

    private static JsonNode readable(JsonNode payloadChanges) {
        try {
            return EmbeddedJson.value(payloadChanges, "payload_changes");
        } catch (IllegalArgumentException notJson) {
            return payloadChanges;
        }
    }

    /** The same JSON with object fields in name order, so field order upstream does not change the key. */
    static JsonNode canonical(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return NullNode.getInstance();
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = NODES.objectNode();
            names.forEach(name -> sorted.set(name, canonical(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(item -> copy.add(canonical(item)));
            return copy;
        }
        return node;
    }
}
