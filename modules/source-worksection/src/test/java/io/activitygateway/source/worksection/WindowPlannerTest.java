package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.spi.Gap;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {

    private static final Duration LOOKBACK = Duration.ofMinutes(5);
    private final WindowPlanner planner = new WindowPlanner(LOOKBACK, Duration.ofDays(1), ZoneId.of("Europe/Kyiv"));
    private final Instant now = Instant.parse("2026-01-14T12:00:20Z");

    private Window after(Duration sinceLastRead) {
        return planner.plan(Optional.of(now.minus(sinceLastRead)), now);
    }

    @Test
    void firstReadReachesBackTheInitialWindow() {
        Window w = planner.plan(Optional.empty(), now);
        assertEquals("24h", w.period().toString(), "hours reach to 72h before days are needed");
        assertEquals(now.minus(Duration.ofDays(1)), w.since());
        assertTrue(w.gap().isEmpty());
    }

    @Test
    void everyLaterReadReachesBackToTheLastOneMinusTheLookback() {
        Window w = after(Duration.ofSeconds(30));
        assertEquals("6m", w.period().toString());
        assertEquals(now.minusSeconds(30).minus(LOOKBACK), w.since());
        assertTrue(!w.start().isAfter(w.since()), "the window starts no later than where it must");
    }

    @Test
    void windowGrowsFromMinutesToHoursToDaysAfterDowntime() {
        assertEquals("360m", after(Duration.ofMinutes(355)).period().toString());
        assertEquals("7h", after(Duration.ofMinutes(356)).period().toString());
        assertEquals("72h", after(Duration.ofHours(72).minus(LOOKBACK)).period().toString());
        assertEquals("4d", after(Duration.ofHours(72)).period().toString());
        assertEquals("30d", after(Duration.ofDays(30).minus(LOOKBACK)).period().toString());
    }

    @Test
    void moreThanThirtyDaysAwayReadsThirtyDaysAndReportsTheRestAsAGap() {
        Instant lastRead = now.minus(Duration.ofDays(45));
        Window w = planner.plan(Optional.of(lastRead), now);
        assertEquals("30d", w.period().toString());
        Gap gap = w.gap().orElseThrow();
        assertEquals(lastRead.minus(LOOKBACK), gap.from());
        assertEquals(now.minus(Duration.ofDays(30)), gap.to());
        assertTrue(gap.reason().contains("30d"), gap.reason());
        assertEquals(w.start(), w.needFrom(), "after a gap the read is responsible from the window's start");
    }

    @Test
    void aLastReadInTheFutureCountsAsNowSoTheWindowNeverShrinksBelowTheLookback() {
        Window w = planner.plan(Optional.of(now.plus(Duration.ofHours(2))), now);
        assertEquals(now.minus(LOOKBACK), w.since());
        assertEquals("5m", w.period().toString());
    }

    @Test
    void aReadThatSeesTheSecondHalfOfAFallBackHourReachesBackOverTheFirstHalf() {
        // Kyiv falls back on 2026-10-25 at 01:00Z: local 04:00 EEST becomes 03:00 EET, so 03:00..03:59 happen twice.
        Instant transition = Instant.parse("2026-10-25T01:00:00Z");
        Instant at = transition.plus(Duration.ofMinutes(10));
        Window w = planner.plan(Optional.of(at.minusSeconds(30)), at);
        assertEquals(at.minusSeconds(30).minus(LOOKBACK), w.since(), "since itself is not moved");
        assertTrue(!w.start().isAfter(transition.minus(Duration.ofHours(1))),
                "window " + w.start() + " holds the whole first 03:00..03:59");
        assertEquals("70m", w.period().toString());
    }

    @Test
    void readsBeforeOrWellAfterAFallBackHourAreNotWidened() {
        Instant transition = Instant.parse("2026-10-25T01:00:00Z");
        Instant before = transition.minus(Duration.ofMinutes(20));
        assertEquals("6m", planner.plan(Optional.of(before.minusSeconds(30)), before).period().toString());
        Instant after = transition.plus(Duration.ofMinutes(70));
        assertEquals("6m", planner.plan(Optional.of(after.minusSeconds(30)), after).period().toString());
    }

    @Test
    void springForwardNeedsNoWidening() {
        Instant transition = Instant.parse("2026-03-29T01:00:00Z");
        Instant at = transition.plus(Duration.ofMinutes(3));
        assertEquals("6m", planner.plan(Optional.of(at.minusSeconds(30)), at).period().toString());
    }

    @Test
    void aZoneWithoutTransitionsNeverWidens() {
        WindowPlanner utc = new WindowPlanner(LOOKBACK, Duration.ofDays(1), ZoneId.of("UTC"));
        assertEquals("6m", utc.plan(Optional.of(now.minusSeconds(30)), now).period().toString());
    }
}
