package io.activitygateway.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A poll could not go on. The gateway backs off exponentially (at least {@link #retryAfter()} when given) and
 * polls again from the last committed checkpoint, so nothing committed is lost and nothing is read twice into
 * the store. {@link AuthenticationException} is the one kind that stops polling instead.
 */
public class SourceException extends Exception {

    private final Integer httpStatus;
    private final Duration retryAfter;

    public SourceException(String message) {
        this(message, null, null, null);
    }

    public SourceException(String message, Throwable cause) {
        this(message, null, null, cause);
    }

    public SourceException(String message, Integer httpStatus, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /** The upstream HTTP status that ended the poll, if it was one. */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** How long the source asked us to wait (e.g. a {@code Retry-After} header). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
