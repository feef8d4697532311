package io.activitygateway.source.kantata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.activitygateway.model.Json;

/**
 * Kantata's payload fields: samples show them as objects, the published schema types them as strings, so both
 * an object and a string holding that JSON are read.
 */
final class EmbeddedJson {

    private EmbeddedJson() {
    }

    /**
     * The JSON value of a payload field; a missing node when absent, null or an empty string.
     *
     * @param node  the field as received
     * @param field its name, for the message
     * @throws IllegalArgumentException naming the field when it is a string that does not hold JSON
     */
    static JsonNode value(JsonNode node, String field) {
        if (node == null) {
            return MissingNode.getInstance();
        }
        if (!node.isTextual()) {
            return node.isNull() ? MissingNode.getInstance() : node;
        }
        String text = node.asText().strip();
        if (text.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode parsed = Json.mapper().readTree(text);
            return parsed == null || parsed.isNull() ? MissingNode.getInstance() : parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(field + " is a string that does not hold JSON: "
                    + e.getOriginalMessage());
        }
    }
}
