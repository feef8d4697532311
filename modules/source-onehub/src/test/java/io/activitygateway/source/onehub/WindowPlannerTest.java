package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.activitygateway.source.onehub.Position.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00.750Z");
    private static final Instant NOW_SECOND = Instant.parse("2026-11-20T10:00:00Z");
    private final WindowPlanner planner = new WindowPlanner(Duration.ofMinutes(10), Duration.ofDays(7));

    @Test
    void theFirstPollReachesBackTheInitialWindowToNow() {
        assertEquals(new Window(NOW_SECOND.minus(Duration.ofDays(7)), NOW_SECOND, NOW_SECOND),
                planner.next(Optional.empty(), NOW));
    }

    @Test
    void everyLaterPollStartsTheLookbackBeforeTheLastWindowsEnd() {
        Instant through = Instant.parse("2026-11-20T09:59:30Z");

        assertEquals(new Window(Instant.parse("2026-11-20T09:49:30Z"), NOW_SECOND, NOW_SECOND),
                planner.next(Optional.of(new Position(through, null)), NOW));
    }

    @Test
    void aCheckpointAheadOfTheClockDoesNotPushTheWindowIntoTheFuture() {
        Position ahead = new Position(Instant.parse("2026-11-21T00:00:00Z"), null);

        assertEquals(new Window(NOW_SECOND.minus(Duration.ofMinutes(10)), NOW_SECOND, NOW_SECOND),
                planner.next(Optional.of(ahead), NOW));
    }

    @Test
    void anUnfinishedWindowIsResumedAsItWasLeft() {
        Window unfinished = new Window(Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T09:00:00Z"),
                Instant.parse("2026-11-20T08:40:00Z"));

        assertEquals(unfinished, planner.next(
                Optional.of(new Position(Instant.parse("2026-11-20T08:10:00Z"), unfinished)), NOW));
    }
}
