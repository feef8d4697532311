package io.activitygateway.source.kantata;

import io.activitygateway.spi.Durations;
import io.activitygateway.spi.Gap;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one poll of one feed reads, as one or two ranges of {@code created_at}, and how each page read moves the
 * feed's {@link FeedPosition}.
 *
 * <p>Kantata makes an event visible up to minutes after its {@code created_at}. An event created at {@code t} is
 * visible for sure at {@code t + lookback}; so a range read at least {@code lookback} after its end has
 * <em>settled</em>: nothing can still turn up in it. Each poll reads
 * <ol>
 * <li>the <em>settling</em> range {@code [settledThrough, pollStart - lookback)}: what has settled since it was
 *     last read, to catch what arrived late. It is read once it spans a third of the lookback (so most idle
 *     polls cost one request), and always when the gateway was away so long that it joins the fresh range;</li>
 * <li>the <em>fresh</em> range {@code [readThrough, pollStart)}: what is new, at once.</li>
 * </ol>
 * Every event is so read about twice (fresh, then settled) instead of on every poll within the lookback, and an
 * event that becomes visible less than {@code lookback} after its {@code created_at} is always read: the range
 * holding it is read again after it settled. The lookback re-read covers every stretch of time after every poll,
 * only not on every poll.
 *
 * @param ranges        in reading order
 * @param pollStart     the poll's start on whole seconds: the fresh range's end
 * @param settledBefore {@code pollStart - lookback}: what is read now has settled before it
 * @param start         the feed's position before this poll ({@code initial-window} back on its first poll)
 * @param resumed       whether {@code start} came from a checkpoint
 */
record ReadPlan(List<Range> ranges, Instant pollStart, Instant settledBefore, FeedPosition start, boolean resumed,
        Duration retention) {

    /** {@code created_at} from {@code from} (inclusive) to {@code before} (exclusive). */
    record Range(Instant from, Instant before) {
    }

    /**
     * @param checkpoint the feed's position, empty on its first poll
     * @param pollStart  the poll's start on whole seconds
     */
    static ReadPlan plan(Optional<FeedPosition> checkpoint, Instant pollStart, KantataSettings settings) {
        Instant settledBefore = pollStart.minus(settings.lookback());
        if (checkpoint.isEmpty()) {
            FeedPosition start = FeedPosition.startingAt(pollStart.minus(settings.initialWindow()));
            return new ReadPlan(List.of(new Range(start.readThrough(), pollStart)), pollStart, settledBefore, start,
                    false, settings.retention());
        }
        // A position after the poll's start (a clock set back, a restored database) must not push reading into
        // the future, where it would stay empty.
        Instant read = min(checkpoint.get().readThrough(), pollStart);
        Instant settled = min(checkpoint.get().settledThrough(), read);
        FeedPosition start = new FeedPosition(settled, read);
        List<Range> ranges;
        if (!read.isAfter(settledBefore)) {
            ranges = List.of(new Range(settled, pollStart));
        } else if (Duration.between(settled, settledBefore).compareTo(settings.lookback().dividedBy(3)) >= 0
                || settled.isBefore(pollStart.minus(settings.retention()))) {
            ranges = List.of(new Range(settled, settledBefore), new Range(read, pollStart));
        } else {
            ranges = List.of(new Range(read, pollStart));
        }
        return new ReadPlan(ranges, pollStart, settledBefore, start, true, settings.retention());
    }

    /**
     * The position once {@code range} has been read from its start up to {@code reached} (the start of the next
     * request, or the range's end): a cursor moves only over a range that begins at or before it, never back,
     * never past what has settled or past the poll's start.
     */
    FeedPosition advance(FeedPosition current, Range range, Instant reached) {
        Instant settled = current.settledThrough();
        Instant read = current.readThrough();
        if (!range.from().isAfter(settled)) {
            settled = max(settled, min(reached, settledBefore));
        }
        if (!range.from().isAfter(read)) {
            read = max(read, min(reached, pollStart));
        }
        return new FeedPosition(settled, read);
    }

    /**
     * What of this poll's reading Kantata no longer keeps, where events may be lost for good: from the settled
     * position (all before it was read after it settled; late events after it were not) to the oldest event
     * Kantata still keeps. That is {@code pollStart - retention}, or earlier when the first page shows Kantata still
     * holds older events (it drops events by age, so everything after the oldest one returned is still there).
     * None on a feed's first poll: nothing was promised before it.
     *
     * @param oldestReturned the earliest {@code created_at} on the first page of the first range, if any
     */
    Optional<Gap> gap(Optional<Instant> oldestReturned, Feed feed) {
        Instant from = start.settledThrough();
        if (!resumed || !ranges.get(0).from().equals(from)) {
            return Optional.empty();
        }
        Instant keptFrom = pollStart.minus(retention);
        if (oldestReturned.isPresent() && oldestReturned.get().isBefore(keptFrom)) {
            keptFrom = oldestReturned.get();
        }
        if (!from.isBefore(keptFrom)) {
            return Optional.empty();
        }
        return Optional.of(new Gap(from, keptFrom, "Kantata keeps subscribed events for "
                + Durations.format(retention) + "; " + feed.describe() + " were last read up to "
                + start.readThrough() + " (settled up to " + from + "): events created between " + from
                + " and " + keptFrom + " may be missing"));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
