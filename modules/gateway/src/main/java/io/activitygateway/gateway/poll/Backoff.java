package io.activitygateway.gateway.poll;

import java.time.Duration;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of {@code initial * 2^n}
 * (capped at {@code max}), so clients that failed together do not come back together.
 */
public record Backoff(Duration initial, Duration max) {

    /**
     * @param attempt 0 for the first wait
     * @param random  a number in [0, 1)
     */
    public Duration delay(int attempt, double random) {
        long base = initial.toMillis() << Math.min(Math.max(attempt, 0), 30);
        long capped = base <= 0 || base > max.toMillis() ? max.toMillis() : base;
        return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random));
    }
}
