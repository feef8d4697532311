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

    /**
     * The spec the control API takes: {@code status:503}, {@code status:429:2} (Retry-After 2 s),
     * {@code delay:1500} (milliseconds), {@code truncated}, {@code not-json}.
     */
    public String describe() {
        return switch (kind) {
            case STATUS -> "status:" + status + (retryAfter == null ? "" : ":" + retryAfter.toSeconds());
            case DELAY -> "delay:" + delay.toMillis();
            case TRUNCATED -> "truncated";
            case NOT_JSON -> "not-json";
        };
    }

    /** Reads a spec written as {@link #describe()} writes it. */
    public static Fault parse(String spec) {
        String[] parts = spec.strip().toLowerCase(java.util.Locale.ROOT).split(":");
        try {
            return switch (parts[0]) {
                case "status" -> parts.length == 3
                        ? new Fault(Kind.STATUS, Integer.parseInt(parts[1]), Duration.ofSeconds(Long.parseLong(parts[2])), null)
                        : status(Integer.parseInt(parts[1]));
                case "delay" -> delay(Duration.ofMillis(Long.parseLong(parts[1])));
                case "truncated" -> truncated();
                case "not-json", "not_json" -> notJson();
                default -> throw new IllegalArgumentException("unknown fault '" + spec + "'");
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("bad fault spec '" + spec
                    + "' (status:503, status:429:2, delay:1500, truncated, not-json)", e);
        }
    }
}
