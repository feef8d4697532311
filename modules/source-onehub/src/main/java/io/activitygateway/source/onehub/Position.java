package io.activitygateway.source.onehub;

import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.SourceException;
import java.time.Instant;
import java.util.Optional;

/**
 * The checkpoint. The feed comes newest first, so a window is not done until its oldest page is stored:
 * while it is being read, {@link #window()} says which part is still unread, and a poll after a crash or a
 * stop finishes that window before starting a new one.
 *
 * @param readThrough every window up to this time is stored (null before the first window is done)
 * @param window      the window being read, or null between polls
 */
record Position(Instant readThrough, Window window) {

    /**
     * One poll's fixed span of {@code updated_at}, both ends inclusive.
     *
     * @param feedUnreadTo the activity feed's part {@code [from, feedUnreadTo]} is still unread; null once the
     *                     whole feed part is stored and only the audit trails remain
     */
    record Window(Instant from, Instant to, Instant feedUnreadTo) {

        Window feedReadDownTo(Instant oldestStored) {
            return new Window(from, to, oldestStored);
        }

        Window feedDone() {
            return new Window(from, to, null);
        }

        boolean feedPending() {
            return feedUnreadTo != null;
        }
    }

    static Optional<Position> of(Optional<Checkpoint> checkpoint) throws SourceException {
        if (checkpoint.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(checkpoint.get().as(Position.class));
        } catch (IllegalArgumentException e) {
            throw new SourceException("the stored checkpoint is not an Onehub position: " + e.getMessage(), e);
        }
    }

    Position reading(Window w) {
        return new Position(readThrough, w);
    }

    static Position done(Window w) {
        return new Position(w.to(), null);
    }

    Checkpoint checkpoint() {
        return Checkpoint.of(this);
    }
}
