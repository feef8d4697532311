package io.activitygateway.gateway.sink;

import io.activitygateway.gateway.store.EventFilter;
import io.activitygateway.sink.Sink;
import io.activitygateway.sink.SinkKind;
import java.time.Duration;

/**
 * One configured sink, validated: the common settings the gateway applies around every kind, and the kind's
 * {@link Sink}.
 *
 * @param maxAttempts failed attempts at one message before it is parked; 0 never parks
 */
public record SinkDefinition(
        String name,
        SinkKind kind,
        boolean enabled,
        EventFilter filter,
        StartPosition start,
        int maxAttempts,
        Duration retryInitial,
        Duration retryMax,
        Duration pollInterval,
        Sink sink) {

    /** The lease this sink is delivered under: one instance at a time. */
    public String leaseResource() {
        return "sink:" + name;
    }
}
