package io.activitygateway.gateway.sink;

/** What a sink is doing, for the status API. */
public enum SinkState {
    /** Configured with enabled=false: delivers nothing. */
    DISABLED,
    /** Caught up with the store. */
    IDLE,
    /** Sending events. */
    DELIVERING,
    /** A message failed; waiting before the next attempt. */
    BACKING_OFF,
    /** Several attempts in a row failed; still retrying. */
    FAILING,
    /** Another instance holds this sink's lease and delivers it. */
    STANDBY;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
