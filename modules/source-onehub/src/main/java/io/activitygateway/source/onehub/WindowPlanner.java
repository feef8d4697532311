package io.activitygateway.source.onehub;

import io.activitygateway.source.onehub.Position.Purpose;
import io.activitygateway.source.onehub.Position.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides which spans of {@code updated_at} a poll reads: what is new since the head Onehub served, then once more
 * what has settled since. Every event is read about twice, an idle poll costs one request, and no instant here
 * comes from our clock alone: the window's end is Onehub's clock as the gateway measured it, everything else is what
 * Onehub served.
 */
final class WindowPlanner {

    private final Duration lookback;

    WindowPlanner(Duration lookback) {
        this.lookback = lookback;
    }

    Duration lookback() {
        return lookback;
    }

    /**
     * The new events: from the head's second to {@code now} (Onehub's clock, whole seconds). From the settled
     * point instead when Onehub never served an event (a feed keeps its first window until its first event), and once
     * in a quiet feed when Onehub's clock is a {@code lookback} past the head, so that late events of the last
     * {@code lookback} before a quiet spell are not held back until the feed gets busy again.
     */
    Window fresh(Position p, Instant now) {
        boolean tail = p.head() == null || tailDue(p, now);
        // start_time is inclusive: the head's second is read again, for events Onehub stamped with it after our read.
        Instant from = tail ? p.settled() : p.head();
        // Our estimate of Onehub's clock may trail the newest updated_at by a second.
        Instant to = now.isBefore(from) ? from : now;
        return Window.of(tail ? Purpose.TAIL : Purpose.NEW, from, to);
    }

    private boolean tailDue(Position p, Instant now) {
        Instant settledByTime = p.head().plus(lookback);
        return !now.isBefore(settledByTime) && (p.tailReadAt() == null || p.tailReadAt().isBefore(settledByTime));
    }

    /**
     * The events created a {@code lookback} before the newest one Onehub served, not yet read once they had that
     * {@code lookback}: judged by what Onehub served, not by its clock, so nothing settles while its feed stands still.
     */
    Optional<Window> settle(Position p) {
        if (p.head() == null) {
            return Optional.empty();
        }
        Instant until = p.head().minus(lookback);
        return until.isAfter(p.settled())
                ? Optional.of(Window.of(Purpose.SETTLE, p.settled(), until.minusSeconds(1))) : Optional.empty();
    }
}
