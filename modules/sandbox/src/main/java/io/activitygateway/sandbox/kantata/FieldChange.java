package io.activitygateway.sandbox.kantata;

/** One entry of {@code payload_changes}: {@code "field": [before, after]}. Values are strings, longs, booleans or null. */
public record FieldChange(String field, Object before, Object after) {
}
