package io.activitygateway.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Json;
import java.util.Objects;

/**
 * Where an adapter resumes: any JSON object it chooses. The gateway stores it as JSON and shows it as is in the
 * source status, so keep it readable (ISO-8601 times, named fields). Typically written from a record:
 * {@code Checkpoint.of(new Position(createdAfter))} and read back with {@code checkpoint.as(Position.class)}.
 */
public record Checkpoint(JsonNode value) {

    public Checkpoint {
        Objects.requireNonNull(value, "value");
        if (!value.isObject()) {
            throw new IllegalArgumentException("a checkpoint is a JSON object, not " + value.getNodeType());
        }
    }

    public static Checkpoint of(Object position) {
        return new Checkpoint(Json.mapper().valueToTree(position));
    }

    public static Checkpoint parse(String json) {
        try {
            return new Checkpoint(Json.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a checkpoint: " + e.getOriginalMessage(), e);
        }
    }

    public <T> T as(Class<T> type) {
        try {
            return Json.mapper().treeToValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("checkpoint is not a " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    public String toJson() {
        return value.toString();
    }
}
