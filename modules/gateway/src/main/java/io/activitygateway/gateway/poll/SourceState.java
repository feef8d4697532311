package io.activitygateway.gateway.poll;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a connection is doing, as the sources API shows it. */
public enum SourceState {
    /** Waiting for its next poll; the last one succeeded. */
    IDLE,
    /** A poll is running. */
    POLLING,
    /** The last poll(s) failed; the next one waits a growing, jittered backoff. */
    BACKING_OFF,
    /** Failed several times in a row, or its credentials were refused (then polling stops until asked). */
    FAILING,
    /** Another gateway instance holds the connection's lease and polls it; this one takes over if that one stops. */
    STANDBY,
    /** Configured with {@code enabled=false}: never polled. */
    DISABLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
