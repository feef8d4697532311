package io.activitygateway.source.kantata;

import java.time.Duration;
import java.time.Instant;

/**
 * Where one feed stands, in Kantata's own terms: every instant here is a {@code created_at} Kantata served, or a
 * time read off Kantata's clock, never ours.
 *
 * @param head       the newest {@code created_at} Kantata has served; null until the feed's first event. New events
 *                   are read from here
 * @param settled    every event created before this was read at a time when Kantata had already served one created
 *                   {@code lookback} or more after it, so it had had its {@code lookback} to become visible. The
 *                   events between here and the head are read once more when the head has moved on by a
 *                   {@code lookback} (or, in a quiet feed, once the source's clock has)
 * @param readTo     the {@code created_before} of the last read that went to the end of the feed (Kantata's clock):
 *                   how recently the feed was read, for the retention gap
 * @param tailReadAt when (Kantata's clock) the events from {@code settled} on were last read all together, or null
 *                   since the head last moved
 */
record FeedPosition(Instant head, Instant settled, Instant readTo, Instant tailReadAt) {

    /** A feed never read: everything from {@code start} on is still to be read. */
    static FeedPosition startingAt(Instant start) {
        return new FeedPosition(null, start, null, null);
    }

    /**
     * The position an older gateway's {@code readThrough} means: every poll re-read {@code lookback} before it, so
     * everything before {@code readThrough - lookback} had had its lookback.
     */
    static FeedPosition fromReadThrough(Instant readThrough, Duration lookback) {
        return new FeedPosition(readThrough, readThrough.minus(lookback), readThrough, null);
    }

    FeedPosition withHead(Instant latest) {
        if (latest == null || (head != null && !latest.isAfter(head))) {
            return this;
        }
        return new FeedPosition(latest, settled, readTo, null);
    }

    FeedPosition withSettled(Instant instant) {
        return instant.isAfter(settled) ? new FeedPosition(head, instant, readTo, tailReadAt) : this;
    }

    /** The read that went to the feed's end at {@code before}; {@code tail}: it started at {@code settled}. */
    FeedPosition readTo(Instant before, boolean tail) {
        return new FeedPosition(head, settled, before, tail ? before : tailReadAt);
    }
}
