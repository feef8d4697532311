package io.activitygateway.source.worksection;

import io.activitygateway.spi.Gap;
import java.time.Instant;
import java.util.Optional;

/**
 * One planned {@code get_events} read.
 *
 * @param since  where this read must start to miss nothing: the last covered instant minus the lookback, or
 *               now minus the initial window on a first read
 * @param now    the instant the request is sent, by our clock; the server counts the period back from its own now
 * @param period what is asked for; it may reach back further than {@code since} (periods are coarse, and a
 *               recent fall-back hour is read whole), never less unless {@code gap} says so
 * @param gap    present when {@code since} lies beyond the longest period: that span cannot be read anymore
 */
record Window(Instant since, Instant now, Period period, Optional<Gap> gap) {

    /** The same read with the server's "now" as its {@code Date} header gave it. */
    Window servedAt(Instant serverNow) {
        return new Window(since, serverNow, period, gap);
    }

    /** Where the server's window begins (give or take clock skew and latency, which the lookback absorbs). */
    Instant start() {
        return now.minus(period.length());
    }

    /** The span this read is responsible for: from {@code since}, or from the window's start after a gap. */
    Instant needFrom() {
        Instant start = start();
        return since.isBefore(start) ? start : since;
    }
}
