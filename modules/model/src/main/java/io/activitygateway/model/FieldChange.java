package io.activitygateway.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** One changed field; {@code old}/{@code new} are JSON values, JSON null when the source gives none. */
public record FieldChange(
        String field,
        @JsonProperty("old") JsonNode oldValue,
        @JsonProperty("new") JsonNode newValue) {

    public FieldChange {
        oldValue = oldValue == null ? NullNode.getInstance() : oldValue;
        newValue = newValue == null ? NullNode.getInstance() : newValue;
    }
}
