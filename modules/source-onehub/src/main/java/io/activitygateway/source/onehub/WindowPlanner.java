package io.activitygateway.source.onehub;

import io.activitygateway.source.onehub.Position.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Decides which span of {@code updated_at} a poll reads. */
final class WindowPlanner {

    private final Duration lookback;
    private final Duration initialWindow;

    WindowPlanner(Duration lookback, Duration initialWindow) {
        this.lookback = lookback;
        this.initialWindow = initialWindow;
    }

    /**
     * The window a previous poll left unfinished, as it was; else from the last window's end minus the lookback
     * (every poll, not only the first) to {@code now}. The end is the poll's start, never the time the poll
     * finishes: what happens while it pages belongs to the next window.
     */
    Window next(Optional<Position> last, Instant now) {
        Optional<Window> unfinished = last.map(Position::window);
        if (unfinished.isPresent()) {
            return unfinished.get();
        }
        Instant end = now.truncatedTo(ChronoUnit.SECONDS);
        Instant start = last.map(Position::readThrough)
                // a checkpoint ahead of the clock (the clock was set back) must not push the window past now
                .map(through -> (through.isAfter(end) ? end : through).minus(lookback))
                .orElse(end.minus(initialWindow));
        return new Window(start.truncatedTo(ChronoUnit.SECONDS), end, end);
    }
}
