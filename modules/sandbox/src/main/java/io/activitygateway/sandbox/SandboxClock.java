package io.activitygateway.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The simulated vendors' clock: the clock the sandbox was built with (usually the tests' clock, shared with the code
 * under test) plus a settable offset, so a test can make the vendors run ahead of or behind the gateway. Every
 * simulator stamps and filters by it, and every response carries it as its {@code Date} header.
 */
public final class SandboxClock extends Clock {

    private final Clock base;
    private volatile Duration offset;

    SandboxClock(Clock base, Duration offset) {
        this.base = base;
        this.offset = offset;
    }

    /** The clock the sandbox was built with, without the offset. */
    public Clock base() {
        return base;
    }

    /** How far the vendors' clock is ahead of the base clock (negative: behind). */
    public Duration offset() {
        return offset;
    }

    public void offset(Duration offset) {
        this.offset = offset;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SandboxClock(base.withZone(zone), offset);
    }
}
