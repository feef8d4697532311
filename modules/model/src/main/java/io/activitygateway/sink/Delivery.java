package io.activitygateway.sink;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one {@link Sink#deliver} achieved: the events {@code [0, acknowledged)} of the batch were acknowledged by the
 * destination; when that is not the whole batch, {@code failure} says why the rest was not.
 */
public record Delivery(int acknowledged, Optional<Failure> failure) {

    public Delivery {
        if (acknowledged < 0) {
            throw new IllegalArgumentException("acknowledged must not be negative");
        }
    }

    public static Delivery all(int events) {
        return new Delivery(events, Optional.empty());
    }

    public static Delivery partial(int acknowledged, Failure failure) {
        return new Delivery(acknowledged, Optional.of(failure));
    }

    /**
     * Why a message was not acknowledged.
     *
     * @param message    for the status page and the dead-letter list
     * @param status     the destination's HTTP status, where there is one
     * @param retryAfter how long the destination asked us to wait (HTTP {@code Retry-After}), if it did
     * @param refused    the destination refused the first unacknowledged event for what it is (Kafka: too large,
     *                   an invalid topic, a corrupt record), so sending it again cannot succeed; the gateway parks
     *                   that one event after a few attempts, even where {@code max-attempts=0} retries outages for
     *                   ever, and goes on with the next
     */
    public record Failure(String message, OptionalInt status, Optional<Duration> retryAfter, boolean refused) {

        public Failure(String message, OptionalInt status, Optional<Duration> retryAfter) {
            this(message, status, retryAfter, false);
        }

        public static Failure of(String message) {
            return new Failure(message, OptionalInt.empty(), Optional.empty());
        }

        /** The first unacknowledged event was refused for what it is; see {@code refused}. */
        public static Failure refused(String message) {
            return new Failure(message, OptionalInt.empty(), Optional.empty(), true);
        }
    }
}
