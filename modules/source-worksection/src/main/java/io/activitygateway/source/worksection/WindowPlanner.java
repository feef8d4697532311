package io.activitygateway.source.worksection;

import io.activitygateway.spi.Gap;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * Chooses the {@code period} of each read. Worksection has no cursor: the only handle is how far back from now
 * to read, so the adapter remembers up to when it has read ("covered until") and asks for the smallest period
 * that reaches back to that instant minus the lookback.
 */
final class WindowPlanner {

    /** Far enough back to find the transition of any fall-back hour a read can touch. */
    private static final Duration LONGEST_OVERLAP = Duration.ofDays(1);

    private final Duration lookback;
    private final Duration initialWindow;
    private final ZoneRules zoneRules;

    WindowPlanner(Duration lookback, Duration initialWindow, ZoneId zone) {
        this.lookback = lookback;
        this.initialWindow = initialWindow;
        this.zoneRules = zone.getRules();
    }

    /**
     * @param coveredUntil up to when earlier reads are stored; empty before the first read
     * @param now          the poll's "now"; a {@code coveredUntil} after it (our clock went back) counts as now
     */
    Window plan(Optional<Instant> coveredUntil, Instant now) {
        Instant since = coveredUntil.map(c -> c.isAfter(now) ? now : c).map(c -> c.minus(lookback))
                .orElse(now.minus(initialWindow));
        Instant reach = wholeFallBackHours(since, now);
        Optional<Period> period = Period.covering(Duration.between(reach, now));
        if (period.isPresent()) {
            return new Window(since, now, period.get(), Optional.empty());
        }
        Instant oldest = now.minus(Period.LONGEST.length());
        Optional<Gap> gap = since.isBefore(oldest)
                ? Optional.of(new Gap(since, oldest, "the last read ended at " + since.plus(lookback)
                        + " and get_events reaches back at most " + Period.LONGEST + "; events before " + oldest
                        + " cannot be read anymore"))
                : Optional.empty();
        return new Window(since, now, Period.LONGEST, gap);
    }

    /**
     * A read that starts as late as the periods allow without starting after {@code coveredUntil - lookback}, for
     * reading on after a cut response when the covering period would start so early that it returns the same oldest
     * records again (a day-sized period starts up to a day before where it is needed). When no period starts between
     * {@code coveredUntil - lookback} and {@code coveredUntil}, the one starting next after it is taken and what lies
     * before its start is a gap: {@code get_events} has no way to ask for it now.
     *
     * @param after a start this read must be later than (the previous read's), or the read could not move on
     * @return empty when no period starts after {@code after}
     */
    Optional<Window> readOn(Instant coveredUntil, Instant now, Instant after) {
        Instant since = coveredUntil.minus(lookback);
        Optional<Period> period = Period.within(Duration.between(since, now));
        while (period.isPresent() && !now.minus(period.get().length()).isAfter(after)) {
            period = Period.within(period.get().length().minusMinutes(1));
        }
        if (period.isEmpty()) {
            return Optional.empty();
        }
        Instant start = now.minus(period.get().length());
        Optional<Gap> gap = start.isAfter(coveredUntil)
                ? Optional.of(new Gap(coveredUntil, start, "get_events returns the oldest records of a window and its"
                        + " periods start only at whole " + unitOf(period.get()) + " back from now: more records than"
                        + " one response holds lie between " + coveredUntil + " and the next period's start " + start))
                : Optional.empty();
        return Optional.of(new Window(since, now, period.get(), gap));
    }

    private static String unitOf(Period period) {
        return period.unit().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Where a read from {@code since} must really start so that no fall-back hour is read in part.
     *
     * <p>In a fall-back hour every local minute happens twice, and {@code date_added} cannot tell which. Records
     * of both halves share their fingerprint, so their occurrence indexes count across both halves: a read that
     * sees the second half must also see the whole first half, or its index 0 would be taken for a record of the
     * first half already stored, and the new record would be lost.
     */
    private Instant wholeFallBackHours(Instant since, Instant now) {
        Instant reach = since;
        ZoneOffsetTransition t = zoneRules.previousTransition(now.plusNanos(1));
        while (t != null && t.getInstant().isAfter(since.minus(LONGEST_OVERLAP))) {
            if (t.isOverlap()) {
                Duration overlap = t.getDuration().negated();
                Instant firstHalf = t.getInstant().minus(overlap);
                Instant secondHalfEnd = t.getInstant().plus(overlap);
                boolean readsSecondHalf = since.isBefore(secondHalfEnd);
                if (readsSecondHalf && firstHalf.isBefore(reach)) {
                    reach = firstHalf;
                }
            }
            t = zoneRules.previousTransition(t.getInstant());
        }
        return reach;
    }
}
