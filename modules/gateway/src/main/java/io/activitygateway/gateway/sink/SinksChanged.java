package io.activitygateway.gateway.sink;

/** The set of sinks changed (one managed through the API was created, changed or deleted). */
public record SinksChanged() {
}
