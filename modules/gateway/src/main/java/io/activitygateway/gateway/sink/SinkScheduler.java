package io.activitygateway.gateway.sink;

import io.activitygateway.gateway.lease.InstanceLeases;
import io.activitygateway.gateway.store.EventsCommitted;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.jboss.logging.Logger;

/**
 * Runs one {@link SinkRunner} per enabled sink (configured or managed through the API, kept in step as those
 * change), wakes them when events are committed here, and exposes each sink's status and meters
 * ({@code gateway.sink.*}, tagged {@code sink} and {@code kind}).
 */
@ApplicationScoped
public class SinkScheduler {

    private static final Logger LOG = Logger.getLogger(SinkScheduler.class);

    @Inject
    Sinks sinks;
    @Inject
    SinkReader reader;
    @Inject
    SinkPositions positions;
    @Inject
    InstanceLeases leases;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry registry;

    private final Map<String, SinkRunner> runners = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();
    private boolean started;
    private boolean stopped;

    void onStart(@Observes StartupEvent event) {
        synchronized (this) {
            started = true;
        }
        sync();
    }

    void onStop(@Observes ShutdownEvent event) {
        synchronized (this) {
            stopped = true;
        }
        runners.values().forEach(SinkRunner::stop);
    }

    /** Sinks were created, changed or deleted through the API (here or on another instance). */
    void onSinksChanged(@Observes SinksChanged event) {
        sync();
    }

    /**
     * Makes the runners match the sinks: a new or changed sink gets a new runner (a changed one's old runner stops
     * first, and the new one goes on from the stored position), a deleted or disabled one loses its runner and gives
     * its lease up. Returns once the stopped runners have stopped.
     */
    synchronized void sync() {
        if (!started || stopped) {
            return;
        }
        for (String name : List.copyOf(runners.keySet())) {
            SinkDefinition now = sinks.find(name).orElse(null);
            SinkRunner runner = runners.get(name);
            if (now == null || now != runner.definition() || !now.enabled()) {
                runners.remove(name);
                runner.stop();
                meters.remove(name).forEach(registry::remove);
                if (now == null || !now.enabled()) {
                    leases.drop(runner.definition().leaseResource());
                }
                if (now == null) {
                    LOG.infof("[sink %s] sink deleted: no longer delivered", name);
                }
            }
        }
        for (SinkDefinition def : sinks.all()) {
            if (runners.containsKey(def.name())) {
                continue;
            }
            if (!def.enabled()) {
                LOG.infof("[sink %s] %s sink is disabled", def.name(), def.kind().name());
                continue;
            }
            SinkRunner runner = new SinkRunner(def, reader, positions, leases, clock);
            runners.put(def.name(), runner);
            meters.put(def.name(), meters(runner));
            runner.start();
        }
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsCommitted committed) {
        for (SinkRunner runner : runners.values()) {
            runner.wake();
        }
    }

    /** The runner's view of the sink; empty when it is disabled. */
    public Optional<SinkStatus> status(String sink) {
        return Optional.ofNullable(runners.get(sink)).map(SinkRunner::status);
    }

    /** Asks the sink's runner to look for replays (and events) now. */
    public void wake(String sink) {
        SinkRunner runner = runners.get(sink);
        if (runner != null) {
            runner.wake();
        }
    }

    private List<Meter> meters(SinkRunner runner) {
        SinkDefinition def = runner.definition();
        Tags tags = Tags.of("sink", def.name(), "kind", def.kind().name());
        List<Meter> m = new ArrayList<>();
        m.add(gauge("gateway.sink.position", runner, r -> value(r.status().position()), tags,
                "The seq up to which every event was acknowledged, parked or outside the filter"));
        m.add(gauge("gateway.sink.lag.events", runner, r -> r.status().lagEvents(), tags,
                "Seqs between the sink's position and the store's head"));
        m.add(gauge("gateway.sink.lag.seconds", runner, r -> r.status().lagSeconds(), tags,
                "How long the oldest event not yet acknowledged has been stored"));
        m.add(gauge("gateway.sink.last.success", runner, r -> epoch(r.status().lastSuccessAt()), tags,
                "When the destination last acknowledged events (epoch seconds; 0 never since start)"));
        m.add(gauge("gateway.sink.consecutive.failures", runner, r -> r.status().consecutiveFailures(), tags,
                "Failed attempts since the last success"));
        m.add(gauge("gateway.sink.parked.messages", runner, r -> parkedMessages(def.name()), tags,
                "Messages in the sink's dead-letter list"));
        m.add(FunctionCounter.builder("gateway.sink.deliveries", runner, SinkRunner::deliveries).tags(tags)
                .description("Events acknowledged by the destination (replays included)").register(registry));
        m.add(FunctionCounter.builder("gateway.sink.retries", runner, SinkRunner::retries).tags(tags)
                .description("Failed delivery attempts").register(registry));
        m.add(FunctionCounter.builder("gateway.sink.parked", runner, SinkRunner::parkedEvents).tags(tags)
                .description("Events parked after max-attempts failed attempts").register(registry));
        return m;
    }

    private double parkedMessages(String sink) {
        try {
            return positions.parkedCount(sink);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private Meter gauge(String name, SinkRunner runner, ToDoubleFunction<SinkRunner> value, Tags tags,
            String description) {
        return Gauge.builder(name, runner, value).tags(tags).description(description).register(registry);
    }

    private static double value(Long v) {
        return v == null ? Double.NaN : v;
    }

    private static double epoch(java.time.Instant at) {
        return at == null ? 0 : at.getEpochSecond();
    }
}
