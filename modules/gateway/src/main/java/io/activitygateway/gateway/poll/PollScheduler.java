package io.activitygateway.gateway.poll;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.http.SourceHttpClients;
import io.activitygateway.gateway.lease.InstanceLeases;
import io.activitygateway.gateway.metrics.ConnectionMeters;
import io.activitygateway.gateway.metrics.GatewayMeters;
import io.activitygateway.gateway.metrics.PollFailure;
import io.activitygateway.gateway.source.Connection;
import io.activitygateway.gateway.source.Connections;
import io.activitygateway.gateway.source.ConnectionsChanged;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.gateway.store.SourceStateEntity;
import io.activitygateway.gateway.store.SourceStates;
import io.activitygateway.spi.AuthenticationException;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.SourceClock;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceHttp;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Owns the poll loop of every enabled connection: when each polls, what one poll does around the adapter
 * (status before and after, checkpoint in, errors out), and stopping cleanly at shutdown.
 */
@ApplicationScoped
public class PollScheduler {

    private static final Logger LOG = Logger.getLogger(PollScheduler.class);
    private final Map<String, UnrecordedFailure> unrecorded = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> lastRecordedFailures = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    GatewayConfig config;
    @Inject
    Connections connections;
    @Inject
    SourceHttpClients httpClients;
    @Inject
    EventStore store;
    @Inject
    SourceStates states;
    @Inject
    Clock clock;
    @Inject
    GatewayMeters gatewayMeters;
    @Inject
    InstanceLeases leases;

    private final Map<String, ConnectionRunner> runners = new ConcurrentHashMap<>();
    /** The connection each runner polls: a changed connection is a new object, and gets a new runner. */
    private final Map<String, Connection> polled = new ConcurrentHashMap<>();
    private final Map<String, SourceHttp> http = new ConcurrentHashMap<>();
    private final Map<String, ConnectionMeters> meters = new ConcurrentHashMap<>();
    /** Each connection's source clock, measured by its HTTP client: the adapter's only "now". */
    private final Map<String, SourceClock> sourceClocks = new ConcurrentHashMap<>();
    /** One poll per connection name at a time here, also while a changed connection's old runner finishes. */
    private final Map<String, Object> pollLocks = new ConcurrentHashMap<>();
    private ScheduledThreadPoolExecutor executor;
    /**
     * Commits the pages adapters submit while they fetch the next (at most one per poll in flight, so as many threads
     * as polls run at once); a poll waits for its last one before it ends.
     */
    private ExecutorService committer;
    private Backoff backoff;
    private volatile boolean shuttingDown;

    void onStart(@Observes StartupEvent event) {
        AtomicInteger threadNumber = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(config.polling().threads(), r -> {
            Thread t = new Thread(r, "poll-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        AtomicInteger committerNumber = new AtomicInteger();
        committer = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "commit-" + committerNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        backoff = new Backoff(config.polling().backoffInitial(), config.polling().backoffMax());
        // A connection taken over from a dead instance polls at once, not at its next standby check.
        leases.onTaken(resource -> {
            ConnectionRunner runner = resource.startsWith("connection:")
                    ? runners.get(resource.substring("connection:".length())) : null;
            if (runner != null && runner.state() == SourceState.STANDBY) {
                runner.pollNow();
            }
        });
        sync();
    }

    /** Connections were created, changed or deleted through the API (here or on another instance). */
    void onConnectionsChanged(@Observes ConnectionsChanged event) {
        sync();
    }

    /**
     * Makes the runners match the connections: a new or changed connection gets a new runner (a changed one's old
     * runner stops; a poll it is running ends at its next step), a deleted or disabled one loses its runner, and a
     * deleted one's lease is given up.
     */
    synchronized void sync() {
        if (executor == null || shuttingDown) {
            return;
        }
        Map<String, Connection> current = new LinkedHashMap<>();
        connections.all().forEach(c -> current.put(c.name(), c));
        for (String name : List.copyOf(runners.keySet())) {
            Connection now = current.get(name);
            if (now == null || now != polled.get(name) || !now.enabled()) {
                runners.remove(name).stop();
                polled.remove(name);
                if (now == null) {
                    leases.drop(leaseOf(name));
                    LOG.infof("[%s] connection deleted: no longer polled", name);
                }
            }
        }
        for (Connection connection : current.values()) {
            if (runners.containsKey(connection.name())) {
                continue;
            }
            if (!connection.enabled()) {
                LOG.infof("[%s] %s connection is disabled", connection.name(), connection.kind().name());
                continue;
            }
            ConnectionMeters connectionMeters = gatewayMeters.connection(connection);
            meters.put(connection.name(), connectionMeters);
            SourceClock sourceClock = new SourceClock(clock);
            sourceClocks.put(connection.name(), sourceClock);
            http.put(connection.name(), httpClients.forConnection(connection.settings(), sourceClock,
                    connectionMeters::request));
            int failures = states.find(connection.name()).map(s -> s.consecutiveFailures).orElse(0);
            ConnectionRunner runner = new ConnectionRunner(connection, executor, this::pollOnce, backoff,
                    config.polling().failingAfter(), failures, clock, config.polling().pollNowMinInterval());
            runners.put(connection.name(), runner);
            polled.put(connection.name(), connection);
            if (config.polling().autoStart()) {
                // Spread the first polls a little so a restart does not hit every source in the same instant.
                runner.start(Duration.ofMillis(ThreadLocalRandom.current().nextLong(250, 2000)));
            }
            LOG.infof("[%s] %s connection to %s, polling every %s", connection.name(), connection.kind().name(),
                    connection.settings().baseUrl(), connection.settings().pollInterval());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        synchronized (this) {
            shuttingDown = true;
        }
        runners.values().forEach(ConnectionRunner::stop);
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (committer != null) {
            // the polls waited for their commits; nothing is left but idle threads
            committer.shutdown();
        }
    }

    /**
     * Asks for a poll of the connection now; requests close together share one poll.
     *
     * @return false when it is not polled (disabled)
     */
    public boolean pollNow(String connection) {
        ConnectionRunner runner = runners.get(connection);
        if (runner == null) {
            return false;
        }
        ConnectionRunner.PollNow served = runner.pollNow();
        LOG.debugf("[%s] poll requested: %s", connection, served);
        return true;
    }

    /** How far the source's clock was last measured from ours (its responses' Date), if it answered yet. */
    public Optional<Duration> sourceClockOffset(String connection) {
        SourceClock sourceClock = sourceClocks.get(connection);
        return sourceClock == null ? Optional.empty() : sourceClock.measuredOffset();
    }

    public SourceState state(Connection connection) {
        ConnectionRunner runner = runners.get(connection.name());
        return runner == null ? SourceState.DISABLED : runner.state();
    }

    public Optional<Instant> nextPollAt(String connection) {
        ConnectionRunner runner = runners.get(connection);
        return runner == null ? Optional.empty() : Optional.ofNullable(runner.nextPollAt());
    }

    PollOutcome pollOnce(Connection connection) {
        synchronized (pollLocks.computeIfAbsent(connection.name(), n -> new Object())) {
            if (polled.get(connection.name()) != connection) {
                return new PollOutcome.Standby(config.leases().renewEvery());
            }
            return pollUnderLock(connection);
        }
    }

    private PollOutcome pollUnderLock(Connection connection) {
        String name = connection.name();
        String kind = connection.kind().name();
        String resource = leaseOf(name);
        if (!leases.holds(resource)) {
            return new PollOutcome.Standby(config.leases().renewEvery());
        }
        Instant started = clock.instant();
        ConnectionMeters connectionMeters = meters.get(name);
        Checkpoint checkpoint;
        try {
            states.pollStarted(name, kind, started);
            writeUnrecorded(name, kind);
            checkpoint = states.checkpoint(name).orElse(null);
        } catch (RuntimeException e) {
            // The database is away: no poll (nothing could be stored), one line, and the failure kept in memory.
            String message = "database unavailable: " + rootCause(e);
            int failures = failed(name, kind, message, null, java.util.List.of());
            LOG.warnf("[%s] poll skipped (%d in a row): %s", name, failures, message);
            connectionMeters.pollFailed(PollFailure.STORE, failures);
            return new PollOutcome.Failed(failures, Optional.empty());
        }
        GatewayPollContext context = new GatewayPollContext(connection.settings(), checkpoint,
                sourceClocks.get(name), http.get(name), store, () -> shuttingDown || polled.get(name) != connection
                        || !leases.holds(resource),
                connectionMeters, () -> leases.fence(resource), committer);
        try {
            pollAndStore(connection, context);
            states.pollSucceeded(name, kind, clock.instant(), context.warnings());
            LOG.debugf("[%s] poll stored %d new events in %d ms", name, context.stored(),
                    Duration.between(started, clock.instant()).toMillis());
            connectionMeters.pollSucceeded();
            return new PollOutcome.Succeeded(context.stored());
        } catch (LeaseLost e) {
            return leaseLost(name, context);
        } catch (AuthenticationException e) {
            String message = "credentials refused: " + e.getMessage()
                    + " — polling stopped; fix the credentials, then POST /api/v1/sources/" + name + "/poll";
            int failures = failed(name, kind, message, status(e), context.warnings());
            LOG.errorf("[%s] %s", name, message);
            connectionMeters.pollFailed(PollFailure.CREDENTIALS, failures);
            return new PollOutcome.Halted(failures);
        } catch (SourceException e) {
            if (context.leaseLost()) {
                return leaseLost(name, context);
            }
            int failures = failed(name, kind, e.getMessage(), status(e), context.warnings());
            LOG.warnf("[%s] poll failed (%d in a row), %d new events stored before: %s", name, failures,
                    context.stored(), e.getMessage());
            connectionMeters.pollFailed(e instanceof StoreFailure ? PollFailure.STORE : PollFailure.of(e), failures);
            return new PollOutcome.Failed(failures, e.retryAfter());
        } catch (RuntimeException e) {
            String message = "adapter error: " + e;
            int failures = failed(name, kind, message, null, context.warnings());
            LOG.errorf(e, "[%s] adapter failed unexpectedly", name);
            connectionMeters.pollFailed(PollFailure.ADAPTER, failures);
            return new PollOutcome.Failed(failures, Optional.empty());
        } finally {
            if (context.problemsSeen() > 0) {
                countProblems(name, connectionMeters);
            }
        }
    }

    /** The adapter's poll, then the end of its last submitted commit: the poll is over when nothing still commits. */
    private static void pollAndStore(Connection connection, GatewayPollContext context) throws SourceException {
        try {
            connection.adapter().poll(context);
        } catch (SourceException | RuntimeException e) {
            context.settleSubmitted();
            throw e;
        }
        context.awaitSubmitted();
    }

    /** Records a failed poll; while the database is away, in memory. @return the failures in a row */
    private int failed(String name, String kind, String message, Integer status, java.util.List<String> warnings) {
        Instant at = clock.instant();
        try {
            return states.pollFailed(name, kind, at, message, status, warnings);
        } catch (RuntimeException e) {
            UnrecordedFailure failure = unrecorded.merge(name, new UnrecordedFailure(at, message, status, 1),
                    UnrecordedFailure::then);
            return lastRecordedFailures.getOrDefault(name, 0) + failure.count();
        }
    }

    private void writeUnrecorded(String name, String kind) {
        UnrecordedFailure failure = unrecorded.remove(name);
        if (failure != null) {
            try {
                states.pollFailures(name, kind, failure.at(), failure.message(), failure.httpStatus(),
                        failure.count());
            } catch (RuntimeException e) {
                unrecorded.merge(name, failure, (newer, older) -> older.then(newer));
                throw e;
            }
        }
        states.find(name).ifPresent(s -> lastRecordedFailures.put(name, s.consecutiveFailures));
    }

    /** Failed polls the database has not taken yet (it is away), for the status API. */
    public Optional<UnrecordedFailure> unrecordedFailure(String connection) {
        return Optional.ofNullable(unrecorded.get(connection));
    }

    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private PollOutcome leaseLost(String name, GatewayPollContext context) {
        leases.recheck(leaseOf(name));
        LOG.infof("[%s] poll ended: another instance took the connection over (%d new events stored before)", name,
                context.stored());
        return new PollOutcome.Standby(config.leases().renewEvery());
    }

    /** The lease under which a connection is polled. */
    public static String leaseOf(String connection) {
        return "connection:" + connection;
    }

    private void countProblems(String name, ConnectionMeters connectionMeters) {
        try {
            connectionMeters.recordProblems(states.problemCount(name));
        } catch (RuntimeException e) {
            // Only a gauge goes stale; the next poll with problems counts again.
            LOG.debugf("[%s] could not count record problems: %s", name, e);
        }
    }

    private static Integer status(SourceException e) {
        return e.httpStatus().isPresent() ? e.httpStatus().getAsInt() : null;
    }

    /** For the status API: the stored state, if the connection was ever polled. */
    public Optional<SourceStateEntity> stored(String connection) {
        return states.find(connection);
    }
}
