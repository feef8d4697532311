package io.activitygateway.gateway.http;

import java.time.Duration;
import java.util.Optional;

/** A request failure worth retrying: 429, 5xx, a timeout or an I/O error. Only ever seen inside the guard. */
final class TransientHttpFailure extends Exception {

    private final Integer status;
    private final Duration retryAfter;

    TransientHttpFailure(String message, Integer status, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    Integer status() {
        return status;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
