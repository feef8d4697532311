package io.activitygateway.source.worksection;

import io.activitygateway.spi.Gap;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@code get_events} has no paging and, by a third-party report, answers at most about 10,000 records; a
 * response that long may have been cut. Records come oldest first, so a cut drops the newest ones: the read then
 * counts as covering only up to its newest minute, and the next poll reads on from there. Should a cut response
 * come newest first instead, its oldest records are gone for good and that span is reported as a gap.
 */
final class Truncation {

    /** A response with this many records may be incomplete. */
    static final int SUSPECT_AT = 10_000;

    /**
     * @param coveredUntil where the scope's next read may resume from (before its lookback), on Worksection's clock
     * @param gap          a span that may be missing for good
     * @param warning      what the operator should know, when the response may have been cut
     * @param readOn       whether the response was cut at its newest end, so a read starting later gets the rest
     */
    record Verdict(Instant coveredUntil, Optional<Gap> gap, Optional<String> warning, boolean readOn) {
    }

    private final Duration lookback;

    Truncation(Duration lookback) {
        this.lookback = lookback;
    }

    Duration lookback() {
        return lookback;
    }

    /**
     * @param records  how many records the response held, read or set aside
     * @param occurred the read records' times, in the order of the response
     * @param window   the read, with the server's "now" ({@link Window#servedAt})
     * @param what     the request in words, for the warning
     * @param split    whether the reads are already split by project
     */
    Verdict judge(int records, List<Instant> occurred, Window window, String what, boolean split) {
        Instant now = window.now();
        if (records < SUSPECT_AT) {
            return new Verdict(now, Optional.empty(), Optional.empty(), false);
        }
        String warning = what + " returned " + records + " records, the most Worksection is known to return at"
                + " once, so the response may be incomplete; "
                + (split ? "poll more often (poll-interval) so that each read is smaller"
                        : "set project-ids to read project by project, or poll more often (poll-interval)");
        if (occurred.isEmpty()) {
            return gapped(window.needFrom(), now, now, "none of them could be read", warning);
        }
        Instant first = occurred.get(0);
        Instant last = occurred.get(occurred.size() - 1);
        if (last.isBefore(first)) {
            Instant oldest = Collections.min(occurred);
            return gapped(window.needFrom(), min(oldest.plus(Duration.ofMinutes(1)), now), now,
                    "the response came newest first, so its oldest records were cut", warning);
        }
        // Oldest first: the cut took the newest. Its newest minute may be cut too, so it is covered up to that
        // minute's start, and a read starting later gets the rest.
        Instant newest = min(Collections.max(occurred), now);
        return new Verdict(newest, Optional.empty(), Optional.of(warning + " (read on from " + newest + ")"), true);
    }

    /** The read is taken as done up to now, and what it may have lost is reported. */
    private static Verdict gapped(Instant from, Instant to, Instant now, String reason, String warning) {
        Gap gap = new Gap(from, to.isBefore(from) ? from : to, reason);
        return new Verdict(now, Optional.of(gap), Optional.of(warning + " (reported as a gap)"), false);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
