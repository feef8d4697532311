package io.activitygateway.source.kantata;

import io.activitygateway.spi.Durations;
import io.activitygateway.spi.Gap;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one poll of one feed reads: events created from {@link #from} (inclusive) to {@link #before} (exclusive,
 * the poll's start, fixed for the whole poll so that paging has a stable end).
 *
 * @param resumedAt the feed's checkpoint the window was planned from (never after the poll's start), or null on
 *                  the feed's first poll
 */
record ReadWindow(Instant from, Instant before, Instant resumedAt, Duration retention) {

    /**
     * The first poll reaches back {@code initial-window}; every later poll re-reads {@code lookback} before its
     * checkpoint, because Kantata makes events visible minutes after their {@code created_at}. The window is not
     * cut at the retention: asking for older events costs nothing, and whatever Kantata still keeps is recovered.
     *
     * @param pollStart the poll's start on whole seconds
     */
    static ReadWindow plan(Optional<Instant> readThrough, Instant pollStart, KantataSettings settings) {
        if (readThrough.isEmpty()) {
            return new ReadWindow(pollStart.minus(settings.initialWindow()), pollStart, null, settings.retention());
        }
        // A checkpoint after the poll's start (a clock set back, a restored database) must not push the window
        // into the future, where it would stay empty.
        Instant resumed = readThrough.get().isAfter(pollStart) ? pollStart : readThrough.get();
        return new ReadWindow(resumed.minus(settings.lookback()), pollStart, resumed, settings.retention());
    }

    /**
     * The part of this window Kantata no longer keeps, in which events may be lost for good: from the window's
     * start (the checkpoint minus the lookback: late events created just before the checkpoint were never
     * re-read) to the oldest event Kantata still keeps. That is {@code before - retention}, or earlier when the
     * first page shows Kantata still holds older events (it drops events by age, so everything after the oldest
     * one returned is still there). None on a feed's first poll: nothing was promised before it.
     *
     * @param oldestReturned the earliest {@code created_at} on the window's first page, if any
     */
    Optional<Gap> gap(Optional<Instant> oldestReturned, Feed feed) {
        if (resumedAt == null) {
            return Optional.empty();
        }
        Instant keptFrom = before.minus(retention);
        if (oldestReturned.isPresent() && oldestReturned.get().isBefore(keptFrom)) {
            keptFrom = oldestReturned.get();
        }
        if (!from.isBefore(keptFrom)) {
            return Optional.empty();
        }
        return Optional.of(new Gap(from, keptFrom, "Kantata keeps subscribed events for "
                + Durations.format(retention) + " and " + feed.describe() + " were last read up to " + resumedAt
                + " (re-reading " + Durations.format(Duration.between(from, resumedAt))
                + " before it for late events): events created between " + from + " and " + keptFrom
                + " may be missing"));
    }
}
