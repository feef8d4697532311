package io.activitygateway.gateway.sink;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The wait before the next attempt at a message: exponential from {@code initial}, at most {@code max}, with jitter
 * so sinks failing together do not retry together; a destination's Retry-After, if longer, wins, even beyond
 * {@code max} (the destination knows when it will be back), up to an hour, so a bogus header cannot stall a sink for
 * days.
 */
record SinkRetryDelay(Duration initial, Duration max) {

    static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

    Duration after(int failedAttempts, Optional<Duration> retryAfter, RandomGenerator random) {
        long initialMs = Math.max(1, initial.toMillis());
        long maxMs = Math.max(initialMs, max.toMillis());
        int doublings = Math.min(30, Math.max(0, failedAttempts - 1));
        long exponential = (long) Math.min(maxMs, initialMs * Math.pow(2, doublings));
        // Half fixed, half random: never much shorter than asked, never all sinks in step.
        long jittered = exponential / 2 + (long) (random.nextDouble() * (exponential / 2.0 + 1));
        long asked = retryAfter.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, Math.min(asked, LONGEST_RETRY_AFTER.toMillis())));
    }
}
