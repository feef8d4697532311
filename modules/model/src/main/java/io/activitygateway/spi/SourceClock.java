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
 * <p>A {@code Date} has whole seconds and is written between our sending the request and receiving the answer, so
 * the offset lies in {@code (Date - received, Date + 1s - sent]}. When that span holds zero the two clocks may well
 * agree, and a slow answer (a loaded machine, a long body) must not be taken for skew: our own clock is used. Outside
 * it, {@code Date - received} is taken (the bound nearest to zero when the source is ahead); offsets under
 * {@link #NOISE} are rounding, not skew, and are taken as none too.
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

    /** Our own clock's time, to stamp a request's sending with before {@link #observe(SourceResponse, Instant)}. */
    public Instant ours() {
        return local.instant();
    }

    /**
     * Takes the {@code Date} of a response that arrived now, by our clock; responses without one change nothing.
     *
     * @param sentAt when its request was sent, by {@link #ours()}
     */
    public void observe(SourceResponse response, Instant sentAt) {
        response.date().ifPresent(date -> observe(date, sentAt, local.instant()));
    }

    /**
     * @param sentAt when the request was sent, by our clock
     * @param receivedAt when the response carrying {@code date} arrived, by our clock
     */
    public void observe(Instant date, Instant sentAt, Instant receivedAt) {
        Duration lowest = Duration.between(receivedAt, date);
        Duration highest = Duration.between(sentAt, date.plusSeconds(1));
        boolean mayAgree = (lowest.isNegative() || lowest.isZero()) && !highest.isNegative();
        measured = mayAgree ? Duration.ZERO : lowest;
        applied = mayAgree || lowest.abs().compareTo(NOISE) < 0 ? Duration.ZERO : lowest;
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
