package io.activitygateway.gateway.source;

/** The set of connections changed (one managed through the API was created, changed or deleted). */
public record ConnectionsChanged() {
}
