package io.activitygateway.source.worksection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.activitygateway.model.CanonicalJson;
import io.activitygateway.model.EventIds;
import io.activitygateway.model.Json;
import java.util.List;

/**
 * What identifies a Worksection record, which has no id: the SHA-256 of its action, object type and id, the raw
 * {@code date_added}, the user's id and its {@code new}/{@code old} values with their keys sorted. Display
 * values that can change later (user name and email, the object's page) are left out, so a record read again
 * after a rename still has the same fingerprint. Two records can share a fingerprint (the same change made
 * twice in one minute); {@link OccurrenceCounter} tells them apart.
 */
final class Fingerprint {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Fingerprint() {
    }

    static String of(JsonNode record) {
        JsonNode object = record.path("object");
        JsonNode user = record.path("user_from");
        ArrayNode content = NODES.arrayNode()
                .add(text(record.path("action")))
                .add(text(object.path("type")))
                .add(text(object.path("id")))
                .add(text(record.path("date_added")))
                .add(userIdentity(user))
                .add(CanonicalJson.emptyAsNull(record.get("new")))
                .add(CanonicalJson.emptyAsNull(record.get("old")));
        try {
            return EventIds.fingerprint(Json.mapper().writeValueAsString(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always serializes", e);
        }
    }

    /** The user's id; only when there is none, the email, then the name. */
    private static String userIdentity(JsonNode user) {
        for (String field : List.of("id", "email", "name")) {
            String value = text(user.path(field));
            if (!value.isEmpty()) {
                return field + ":" + value;
            }
        }
        return "";
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText().strip() : "";
    }
}
