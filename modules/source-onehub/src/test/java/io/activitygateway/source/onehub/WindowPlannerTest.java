package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.activitygateway.source.onehub.Position.Purpose;
import io.activitygateway.source.onehub.Position.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration LOOKBACK = Duration.ofMinutes(10);
    private final WindowPlanner planner = new WindowPlanner(LOOKBACK);

    @Test
    void aFeedWithoutEventsReadsFromItsFirstWindowsStartToNow() {
        Position fresh = Position.startingAt(NOW.minus(Duration.ofDays(7)));
        assertEquals(Window.of(Purpose.TAIL, NOW.minus(Duration.ofDays(7)), NOW), planner.fresh(fresh, NOW));
        assertEquals(Optional.empty(), planner.settle(fresh));
    }

    @Test
    void aBusyFeedReadsAfterItsHeadThenWhatSettled() {
        Instant head = NOW.minusSeconds(5);
        Position p = new Position(head, head.minus(LOOKBACK).minusSeconds(30), null, null, null, null);
        assertEquals(Window.of(Purpose.NEW, head, NOW), planner.fresh(p, NOW), "the head's second again");
        assertEquals(Optional.of(Window.of(Purpose.SETTLE, p.settled(), head.minus(LOOKBACK).minusSeconds(1))),
                planner.settle(p));
    }

    @Test
    void aQuietFeedReadsItsTailOnceALookbackAfterItsHead() {
        Instant head = NOW.minus(LOOKBACK);
        Position quiet = new Position(head, head.minus(LOOKBACK), null, null, null, null);
        assertEquals(Purpose.TAIL, planner.fresh(quiet, NOW).purpose());
        Position read = new Position(head, head.minus(LOOKBACK), NOW, null, null, null);
        assertEquals(Purpose.NEW, planner.fresh(read, NOW.plusSeconds(30)).purpose());
        assertEquals(Purpose.NEW, planner.fresh(quiet, NOW.minusSeconds(1)).purpose(), "not before a lookback");
    }

    @Test
    void aClockEstimateTrailingTheHeadStillGivesAWindow() {
        Position p = new Position(NOW, NOW.minus(LOOKBACK), null, null, null, null);
        Window w = planner.fresh(p, NOW);
        assertEquals(w.from(), w.to());
    }
}
