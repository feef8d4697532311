package io.activitygateway.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SourceClockTest {

    private static final Instant SENT = Instant.parse("2026-12-02T10:00:00.400Z");
    private final SourceClock clock = new SourceClock(Clock.fixed(SENT, ZoneOffset.UTC));

    @Test
    void aSlowAnswerFromAnAgreeingClockIsNoSkew() {
        // Date written right after sending, the answer read 5 s later (a loaded machine): Date - received is -5 s,
        // but the span the offset lies in holds zero.
        clock.observe(Instant.parse("2026-12-02T10:00:00Z"), SENT, SENT.plusSeconds(5));

        assertEquals(Duration.ZERO, clock.offset());
        assertEquals(Duration.ZERO, clock.measuredOffset().orElseThrow());
    }

    @Test
    void aClockBehindBeyondTheSpanIsApplied() {
        clock.observe(SENT.minus(Duration.ofMinutes(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), SENT, SENT.plusMillis(100));

        assertEquals(Duration.ofMinutes(-20).minusMillis(500), clock.offset(), "Date - received");
    }

    @Test
    void aClockAheadIsApplied() {
        clock.observe(SENT.plus(Duration.ofMinutes(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), SENT, SENT.plusMillis(100));

        assertEquals(Duration.ofMinutes(20).minusMillis(500), clock.offset());
        assertEquals(SENT.plus(clock.offset()), clock.instant());
    }

    @Test
    void anOffsetWithinTheNoiseIsTakenAsNone() {
        clock.observe(SENT.plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), SENT, SENT.plusMillis(1900));

        assertEquals(Duration.ZERO, clock.offset(), "0.7 s ahead at least: rounding");
        assertEquals(Duration.ofMillis(700), clock.measuredOffset().orElseThrow());
    }

    @Test
    void nothingMeasuredBeforeAnyResponse() {
        assertEquals(Duration.ZERO, clock.offset());
        assertEquals(java.util.Optional.empty(), clock.measuredOffset());
    }
}
