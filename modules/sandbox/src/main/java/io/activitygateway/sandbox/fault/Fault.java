package io.activitygateway.sandbox.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * A transport-level misbehaviour applied to one request before (status, delay) or after (truncation, HTML)
 * the API computed its answer. Bad records are data, not transport: see {@link Malformation}.
 */
public record Fault(Kind kind, int status, Duration retryAfter, Duration delay) {

    public enum Kind {
        /** Answer with an HTTP error status in the vendor's error shape instead of serving the request. */
        STATUS,
        /** Wait, then answer normally; longer than a client's timeout it is a timeout. */
        DELAY,
        /** Declare the full Content-Length, send about half the body, close the connection. */
        TRUNCATED,
        /** Answer 200 with an HTML page, as a proxy or maintenance screen would. */
        NOT_JSON
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.STATUS && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("a status fault needs a 4xx/5xx status, got " + status);
        }
        if (kind == Kind.DELAY && (delay == null || delay.isNegative())) {
            throw new IllegalArgumentException("a delay fault needs a non-negative delay");
        }
    }

    /** An HTTP error without {@code Retry-After}. */
    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, null, null);
    }

    /**
     * 429 with {@code Retry-After} (whole seconds). Kantata's simulator drops the header, as Kantata documents none.
     */
    public static Fault tooManyRequests(Duration retryAfter) {
        return new Fault(Kind.STATUS, 429, retryAfter, null);
    }

    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 0, null, delay);
    }

    public static Fault truncated() {
        return new Fault(Kind.TRUNCATED, 0, null, null);
    }

    public static Fault notJson() {
        return new Fault(Kind.NOT_JSON, 0, null, null);
    }

    /** A short name for logs and the control API, e.g. {@code status:503}, {@code delay:PT2S}. */
    public String describe() {
        return switch (kind) {
            case STATUS -> "status:" + status + (retryAfter == null ? "" : ",retry-after:" + retryAfter.toSeconds());
            case DELAY -> "delay:" + delay;
            case TRUNCATED -> "truncated";
            case NOT_JSON -> "not-json";
        };
    }
}
