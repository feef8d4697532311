package io.activitygateway.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A source's own clock, as one connection sees it: our clock plus the offset last measured from the {@code Date}
 * header of the source's responses. The gateway's HTTP client measures it on every response and hands it to the
 * adapter as {@link PollContext#clock()}, so an adapter that needs the source's "now" (Worksection counts its
 * {@code period} back from it) gets the source's, not ours, even when the two clocks are minutes apart.
 *
 * <p>A {@code Date} has whole seconds and is written before the response reaches us, so {@code Date - received}
 * is a lower bound of the offset, at most a second plus the latency short of it. Offsets under
 * {@link #NOISE} are that imprecision, not skew: below it our own clock is used as it is.
 */
public final class SourceClock extends Clock {

    /** Offsets smaller than this are taken as none: a {@code Date} header cannot tell them from rounding. */
    public static final Duration NOISE = Duration.ofSeconds(2);

    private final Clock local;
    private volatile Duration applied = Duration.ZERO;
    private volatile Duration measured;

    public SourceClock(Clock local) {
        this.local = local;
    }

    /** Takes the {@code Date} of a response that arrived now, by our clock; responses without one change nothing. */
    public void observe(SourceResponse response) {
        response.date().ifPresent(date -> observe(date, local.instant()));
    }

    /** @param receivedAt when the response carrying {@code date} arrived, by our clock */
    public void observe(Instant date, Instant receivedAt) {
        Duration offset = Duration.between(receivedAt, date);
        measured = offset;
        applied = offset.abs().compareTo(NOISE) < 0 ? Duration.ZERO : offset;
    }

    /** How far the source's clock was last measured ahead of ours (negative: behind); empty before any response. */
    public Optional<Duration> measuredOffset() {
        return Optional.ofNullable(measured);
    }

    /** The offset {@link #instant()} applies: the measured one, or zero while it is within {@link #NOISE}. */
    public Duration offset() {
        return applied;
    }

    @Override
    public Instant instant() {
        return local.instant().plus(applied);
    }

    @Override
    public ZoneId getZone() {
        return local.getZone();
    }

    /** A view in another zone that shares this clock's measurements. */
    @Override
    public Clock withZone(ZoneId zone) {
        SourceClock outer = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return outer.withZone(other);
            }

            @Override
            public Instant instant() {
                return outer.instant();
            }
        };
    }
}
