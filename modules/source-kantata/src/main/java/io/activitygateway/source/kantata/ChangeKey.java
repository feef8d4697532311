package io.activitygateway.source.kantata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.activitygateway.model.CanonicalJson;
import io.activitygateway.model.EventIds;
import java.time.Instant;

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
                .add(CanonicalJson.of(readable(payloadChanges)));
        return EventIds.fingerprint(parts.toString());
    }

    private static JsonNode readable(JsonNode payloadChanges) {
        try {
            return EmbeddedJson.value(payloadChanges, "payload_changes");
        } catch (IllegalArgumentException notJson) {
            return payloadChanges;
        }
    }
}
