package io.activitygateway.gateway.metrics;

import io.activitygateway.spi.AuthenticationException;
import io.activitygateway.spi.SourceException;
import java.util.Locale;

/** Why a poll failed, as {@code gateway_source_poll_failures_total{cause}} tells it apart. */
public enum PollFailure {
    /** The source refused the credentials (401/403); polling stopped. */
    CREDENTIALS,
    /** 429 beyond what the retries could wait out. */
    RATE_LIMITED,
    /** 5xx, 408 or 425 beyond the retries. */
    UPSTREAM_ERROR,
    /** Another 4xx: the source rejected the request. */
    REJECTED,
    /** No HTTP answer: timeouts, connection errors, an open circuit breaker. */
    UNREACHABLE,
    /** The batch could not be stored: a database problem. */
    STORE,
    /** The adapter failed unexpectedly (a bug, or an answer it could not read at all). */
    ADAPTER;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The cause of a failure the adapter or the HTTP client reported. */
    public static PollFailure of(SourceException e) {
        if (e instanceof AuthenticationException) {
            return CREDENTIALS;
        }
        if (e.httpStatus().isEmpty()) {
            return UNREACHABLE;
        }
        int status = e.httpStatus().getAsInt();
        if (status == 429) {
            return RATE_LIMITED;
        }
        return status >= 500 || status == 408 || status == 425 ? UPSTREAM_ERROR : REJECTED;
    }
}
