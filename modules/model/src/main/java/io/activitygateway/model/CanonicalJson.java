package io.activitygateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON in one spelling, for fingerprints of records that carry no id: object fields in name order at every level,
 * so the order a source happens to write fields in never changes a key.
 */
public final class CanonicalJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CanonicalJson() {
    }

    /** Fields sorted at every level; absent is JSON null. */
    public static JsonNode of(JsonNode node) {
        return canonical(node, false);
    }

    /**
     * As {@link #of(JsonNode)}, and an empty object or array counts as null at every level (for sources that write
     * "nothing" as {@code {}}, {@code []} or null interchangeably, as PHP serializers do).
     */
    public static JsonNode emptyAsNull(JsonNode node) {
        return canonical(node, true);
    }

    private static JsonNode canonical(JsonNode node, boolean emptyAsNull) {
        if (node == null || node.isMissingNode() || node.isNull()
                || (emptyAsNull && node.isContainerNode() && node.isEmpty())) {
            return NullNode.getInstance();
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = NODES.objectNode();
            names.forEach(name -> sorted.set(name, canonical(node.get(name), emptyAsNull)));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(item -> copy.add(canonical(item, emptyAsNull)));
            return copy;
        }
        return node;
    }
}
