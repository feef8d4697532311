package io.activitygateway.gateway.poll;

import io.activitygateway.gateway.source.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Polls one connection, never twice at once: after a success it waits the poll interval, after a failure a
 * growing jittered backoff (at least what the source asked for), and after refused credentials it stops until
 * {@link #pollNow()}. Requests to poll now are coalesced, so however often they come the source sees at most one
 * poll per {@code pollNowMinInterval} from them.
 */
final class ConnectionRunner {

    private static final Logger LOG = Logger.getLogger(ConnectionRunner.class);

    private final Connection connection;
    private final ScheduledExecutorService executor;
    private final Function<Connection, PollOutcome> poll;
    private final Backoff backoff;
    private final int failingAfter;
    private final Clock clock;
    private final Duration pollNowMinInterval;

    private ScheduledFuture<?> next;
    private Instant nextPollAt;
    private Instant lastStartedAt;
    private boolean running;
    private boolean pollAfterRunning;
    private boolean halted;
    private boolean standby;
    private int consecutiveFailures;
    private boolean stopped;

    ConnectionRunner(Connection connection, ScheduledExecutorService executor, Function<Connection, PollOutcome> poll,
            Backoff backoff, int failingAfter, int failuresSoFar, Clock clock, Duration pollNowMinInterval) {
        this.connection = connection;
        this.executor = executor;
        this.poll = poll;
        this.backoff = backoff;
        this.failingAfter = failingAfter;
        this.consecutiveFailures = failuresSoFar;
        this.clock = clock;
        this.pollNowMinInterval = pollNowMinInterval;
    }

    synchronized void start(Duration delay) {
        schedule(delay);
    }

    /** How a request to poll now was served. */
    enum PollNow {
        /**
         * A poll was running: the request joined the one poll that follows it (shared by every request during the
         * run), so what changed just before the request is read too.
         */
        JOINED_AFTER_RUNNING,
        /** A poll was already due no later than this request's would be: it joined that one. */
        JOINED_NEXT,
        /** A poll was scheduled for it: now, or when the minimum interval since the last start has passed. */
        SCHEDULED
    }

    /**
     * Polls as soon as possible without multiplying upstream traffic: requests while a poll runs share one poll right
     * after it; otherwise a poll starts now, or {@code pollNowMinInterval} after the last one started, and every
     * request until then joins it. Also lifts a halt.
     */
    synchronized PollNow pollNow() {
        halted = false;
        if (running) {
            pollAfterRunning = true;
            return PollNow.JOINED_AFTER_RUNNING;
        }
        return scheduleSoon();
    }

    private PollNow scheduleSoon() {
        Instant now = clock.instant();
        Instant earliest = lastStartedAt == null ? now : lastStartedAt.plus(pollNowMinInterval);
        if (earliest.isBefore(now)) {
            earliest = now;
        }
        if (nextPollAt != null && !nextPollAt.isAfter(earliest)) {
            return PollNow.JOINED_NEXT;
        }
        schedule(Duration.between(now, earliest));
        if (nextPollAt != null) {
            // exactly, so that the requests until then find it due no later than theirs
            nextPollAt = earliest;
        }
        return PollNow.SCHEDULED;
    }

    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
        nextPollAt = null;
    }

    synchronized SourceState state() {
        if (running) {
            return SourceState.POLLING;
        }
        if (standby) {
            return SourceState.STANDBY;
        }
        if (halted || consecutiveFailures >= failingAfter) {
            return SourceState.FAILING;
        }
        return consecutiveFailures > 0 ? SourceState.BACKING_OFF : SourceState.IDLE;
    }

    synchronized Instant nextPollAt() {
        return nextPollAt;
    }

    private void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        nextPollAt = clock.instant().plus(delay);
        next = executor.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        synchronized (this) {
            if (running || stopped) {
                return;
            }
            running = true;
            pollAfterRunning = false;
            lastStartedAt = clock.instant();
            nextPollAt = null;
        }
        PollOutcome outcome;
        try {
            outcome = poll.apply(connection);
        } catch (RuntimeException e) {
            LOG.errorf(e, "[%s] poll crashed", connection.name());
            outcome = new PollOutcome.Failed(consecutiveFailures + 1, Optional.empty());
        }
        synchronized (this) {
            running = false;
            Duration wait;
            standby = outcome instanceof PollOutcome.Standby;
            if (outcome instanceof PollOutcome.Standby waiting) {
                wait = waiting.recheckIn();
            } else if (outcome instanceof PollOutcome.Succeeded) {
                consecutiveFailures = 0;
                wait = connection.settings().pollInterval();
            } else if (outcome instanceof PollOutcome.Failed failed) {
                consecutiveFailures = failed.consecutiveFailures();
                Duration backoffWait = backoff.delay(consecutiveFailures - 1, ThreadLocalRandom.current().nextDouble());
                wait = failed.retryAfter().filter(r -> r.compareTo(backoffWait) > 0).orElse(backoffWait);
            } else {
                consecutiveFailures = ((PollOutcome.Halted) outcome).consecutiveFailures();
                halted = true;
                wait = null;
            }
            if (wait != null) {
                schedule(wait);
            }
            if (pollAfterRunning && !stopped) {
                scheduleSoon();
            }
        }
    }
}
