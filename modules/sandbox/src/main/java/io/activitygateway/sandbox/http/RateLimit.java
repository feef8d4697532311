package io.activitygateway.sandbox.http;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A fixed-window request budget per key (token), counted on the sandbox clock so a test can exhaust it and then
 * move the clock past the window instead of sleeping.
 */
public final class RateLimit {

    private final Clock clock;
    private final Map<String, long[]> windows = new HashMap<>();

    public RateLimit(Clock clock) {
        this.clock = clock;
    }

    /** Counts one request for {@code key}; false when over {@code limit} in the current window ({@code limit <= 0}: off). */
    public boolean tryAcquire(String key, int limit, Duration window) {
        if (limit <= 0) {
            return true;
        }
        long size = Math.max(1, window.toMillis());
        long start = Math.floorDiv(clock.millis(), size) * size;
        synchronized (windows) {
            long[] state = windows.computeIfAbsent(key, k -> new long[] {start, 0});
            if (state[0] != start) {
                state[0] = start;
                state[1] = 0;
            }
            return ++state[1] <= limit;
        }
    }
}
