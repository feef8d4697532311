package io.activitygateway.source.kantata;

import java.time.Instant;

/**
 * Where one feed stands.
 *
 * @param settledThrough every event created before it was read at a time when it had been visible for sure: at
 *                       least {@code lookback} after its {@code created_at}. Nothing before it is read again.
 * @param readThrough    every event created before it that was visible when read has been read; events after
 *                       {@code settledThrough} may still turn up late and are read again once they have settled
 */
record FeedPosition(Instant settledThrough, Instant readThrough) {

    static FeedPosition startingAt(Instant instant) {
        return new FeedPosition(instant, instant);
    }
}
