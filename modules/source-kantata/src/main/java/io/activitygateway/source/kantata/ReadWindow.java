package io.activitygateway.source.kantata;

import io.activitygateway.spi.Durations;
import io.activitygateway.spi.Gap;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one poll of one feed reads first: the new events, from just after the newest {@code created_at} Kantata has
 * served ({@link FeedPosition#head()}) up to {@link #before}, the poll's start on Kantata's clock (fixed for the
 * whole poll so that paging has a stable end). The re-read of what has settled follows it ({@link #settleTo}).
 *
 * <p>The new read starts at the feed's {@code settled} point instead, reading the unsettled tail along, when nothing
 * was served yet (an empty feed keeps its first window until its first event: no clock decides that it is done), and
 * once in a quiet feed when Kantata's clock is a {@code lookback} past the head and the settled point a
 * {@code lookback} behind it, so that late events of the last {@code lookback} before a quiet spell are not held
 * back until the feed gets busy again.
 *
 * @param from   the first {@code created_at} read (inclusive)
 * @param before the poll's start on Kantata's clock, whole seconds (exclusive)
 * @param tail   whether {@code from} is the feed's settled point, so this read covers the unsettled tail too
 */
record ReadWindow(Instant from, Instant before, boolean tail, FeedPosition position, Duration lookback,
        Duration retention) {

    static ReadWindow plan(FeedPosition position, Instant now, KantataSettings settings) {
        Instant head = position.head();
        boolean tail = head == null || tailDue(position, now, settings.lookback());
        // created_after is exclusive, so starting one second after the head is created_after=head: events of that
        // very second still unseen are read when it settles.
        Instant from = tail ? position.settled() : head.plusSeconds(1);
        // Our estimate of Kantata's clock may trail the newest created_at by a second: keep the window non-empty.
        Instant before = now.isAfter(from) ? now : from.plusSeconds(1);
        return new ReadWindow(from, before, tail, position, settings.lookback(), settings.retention());
    }

    /**
     * Only a tail of at most a {@code lookback} is read along: a feed whose settled point is further behind (a
     * backfill still being read, or one cut short by a crash or by Kantata's rate limit) reads its new events and
     * then settles page by page, committing as it goes. Were that whole stretch one tail read, a poll that cannot
     * finish it (more pages than Kantata's rate limit allows at once) would start it over every time and never
     * catch up.
     */
    private static boolean tailDue(FeedPosition p, Instant now, Duration lookback) {
        Instant settledByTime = p.head().plus(lookback);
        return !now.isBefore(settledByTime) && (p.tailReadAt() == null || p.tailReadAt().isBefore(settledByTime))
                && !p.settled().isBefore(p.head().minus(lookback));
    }

    /**
     * Where the re-read of settled events ends once the new events are read, up to {@code head}: everything created a
     * {@code lookback} before the newest event Kantata has served had its {@code lookback} to turn up. Judged by what
     * Kantata served, not by its clock: while its pipeline stalls the head stands still and nothing settles, so events
     * it flushes later with their original {@code created_at} are still ahead of the settled point.
     */
    static Optional<Instant> settleTo(FeedPosition position, Duration lookback) {
        if (position.head() == null) {
            return Optional.empty();
        }
        Instant to = position.head().minus(lookback);
        return to.isAfter(position.settled()) ? Optional.of(to) : Optional.empty();
    }

    /**
     * Events Kantata may have dropped before this poll read them: those that could still become visible after the
     * last read (created from {@code readTo - lookback} on, but not before the settled point) and are older than the
     * oldest event Kantata still keeps. That is {@code before - retention}, or earlier when a read from the settled
     * point shows Kantata still holds older events (it drops events by age). None before the feed's first full read.
     *
     * @param oldestFromSettled the earliest {@code created_at} on the first page of a read that started at the settled
     *                          point, if this poll made one
     */
    Optional<Gap> gap(Optional<Instant> oldestFromSettled, Feed feed) {
        if (position.readTo() == null) {
            return Optional.empty();
        }
        Instant keptFrom = before.minus(retention);
        if (oldestFromSettled.isPresent() && oldestFromSettled.get().isBefore(keptFrom)) {
            keptFrom = oldestFromSettled.get();
        }
        Instant lateFrom = position.readTo().minus(lookback);
        Instant lostFrom = lateFrom.isAfter(position.settled()) ? lateFrom : position.settled();
        if (!lostFrom.isBefore(keptFrom)) {
            return Optional.empty();
        }
        return Optional.of(new Gap(lostFrom, keptFrom, "Kantata keeps subscribed events for "
                + Durations.format(retention) + " and " + feed.describe() + " were last read up to "
                + position.readTo() + ": events created between " + lostFrom + " and " + keptFrom
                + " may be missing"));
    }
}
