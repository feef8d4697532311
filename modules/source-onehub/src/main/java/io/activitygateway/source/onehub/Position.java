package io.activitygateway.source.onehub;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.SourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The checkpoint, in Onehub's own terms: instants here are {@code updated_at} values Onehub served or times read off
 * its clock, never ours. The feed comes newest first, so a window is not done until its oldest page is stored: while
 * one is being read, {@link #window()} says which part is still unread, and the next poll finishes it first.
 *
 * @param head        the newest {@code updated_at} Onehub has served; null until the first event. New events are
 *                    read from just after it
 * @param settled     every event from before this was read when Onehub had already served one a {@code lookback}
 *                    newer, so it had had its {@code lookback} to show up; the events between here and the head are
 *                    read once more when the head has moved on by a {@code lookback}
 * @param tailReadAt  when (Onehub's clock) everything from {@code settled} on was last read together; null since the
 *                    head last moved
 * @param auditFrom   with audit files: how far down the audit trails the poll under way (or one that crashed) must
 *                    read; null once they are read
 * @param window      the window being read, or null between polls
 * @param readThrough an older gateway's checkpoint, only ever read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Position(Instant head, Instant settled, Instant tailReadAt, Instant auditFrom, Window window,
        Instant readThrough) {

    /** What a window is for, which decides what finishing it moves. */
    enum Purpose {
        /** Events after the head. */
        @JsonProperty("new") NEW,
        /** Everything from the settled point on: a feed without a head yet, or a quiet feed's last lookback. */
        @JsonProperty("tail") TAIL,
        /** The events that settled since the last poll, read once more. */
        @JsonProperty("settle") SETTLE,
        /** The audit trails of the configured files, down to {@code from}. */
        @JsonProperty("audit") AUDIT
    }

    /**
     * One fixed span of {@code updated_at}, both ends inclusive.
     *
     * @param feedUnreadTo the activity feed's part {@code [from, feedUnreadTo]} is still unread
     * @param newest       the newest {@code updated_at} read in this window so far
     */
    record Window(Purpose purpose, Instant from, Instant to, Instant feedUnreadTo, Instant newest) {

        static Window of(Purpose purpose, Instant from, Instant to) {
            return new Window(purpose, from, to, purpose == Purpose.AUDIT ? null : to, null);
        }

        Window feedReadDownTo(Instant oldestStored) {
            return new Window(purpose, from, to, oldestStored, newest);
        }

        Window saw(Instant newer) {
            return newer == null || (newest != null && !newer.isAfter(newest)) ? this
                    : new Window(purpose, from, to, feedUnreadTo, newer);
        }
    }

    /** A connection never polled: everything from {@code start} on is still to be read. */
    static Position startingAt(Instant start) {
        return new Position(null, start, null, null, null, null);
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

    /**
     * This position in the current form. An older gateway re-read a {@code lookback} before its {@code readThrough} on
     * every poll, so everything before {@code readThrough - lookback} had had it; a window it left unfinished is read
     * again from its start.
     */
    Position upgraded(Duration lookback) {
        if (readThrough == null && (settled != null || window == null)) {
            return this;
        }
        if (readThrough == null) {
            return new Position(null, window.from(), null, null, Window.of(Purpose.TAIL, window.from(), window.to()),
                    null);
        }
        return new Position(readThrough, readThrough.minus(lookback), null, null, null, null);
    }

    Position reading(Window w) {
        return new Position(head, settled, tailReadAt, auditFrom, w, null);
    }

    /** Owes a read of the audit trails down to the settled point, unless it already owes one from further down. */
    Position owingAuditTrails() {
        return auditFrom != null ? this : new Position(head, settled, tailReadAt, settled, window, null);
    }

    /** The position once the window being read is wholly stored. */
    Position finished(Duration lookback) {
        return switch (window.purpose()) {
            case NEW -> {
                Instant newHead = newer(head, window.newest());
                yield new Position(newHead, settled, newHead == head ? tailReadAt : null, auditFrom, null, null);
            }
            case TAIL -> {
                Instant newHead = newer(head, window.newest());
                Instant newSettled = newHead == null ? settled : newer(settled, newHead.minus(lookback));
                yield new Position(newHead, newSettled, window.to(), auditFrom, null, null);
            }
            case SETTLE -> new Position(head, newer(settled, window.to().plusSeconds(1)), tailReadAt, auditFrom, null,
                    null);
            case AUDIT -> new Position(head, settled, tailReadAt, null, null, null);
        };
    }

    private static Instant newer(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }

    Checkpoint checkpoint() {
        return Checkpoint.of(this);
    }
}
