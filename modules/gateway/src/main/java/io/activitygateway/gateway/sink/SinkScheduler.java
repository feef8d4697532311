package io.activitygateway.gateway.sink;

import io.activitygateway.gateway.lease.Leases;
import io.activitygateway.gateway.store.EventsCommitted;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.jboss.logging.Logger;

/**
 * Runs one {@link SinkRunner} per enabled sink, wakes them when events are committed here, and exposes each sink's
 * status and meters ({@code gateway.sink.*}, tagged {@code sink} and {@code kind}).
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
    Leases leases;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry registry;

    private final Map<String, SinkRunner> runners = new LinkedHashMap<>();

    void onStart(@Observes StartupEvent event) {
        for (SinkDefinition def : sinks.all()) {
            if (!def.enabled()) {
                LOG.infof("[sink %s] %s sink is disabled", def.name(), def.kind().name());
                continue;
            }
            SinkRunner runner = new SinkRunner(def, reader, positions, leases, clock);
            runners.put(def.name(), runner);
            meters(runner);
            runner.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        runners.values().forEach(SinkRunner::stop);
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

    private void meters(SinkRunner runner) {
        SinkDefinition def = runner.definition();
        Tags tags = Tags.of("sink", def.name(), "kind", def.kind().name());
        gauge("gateway.sink.position", runner, r -> value(r.status().position()), tags,
                "The seq up to which every event was acknowledged, parked or outside the filter");
        gauge("gateway.sink.lag.events", runner, r -> r.status().lagEvents(), tags,
                "Seqs between the sink's position and the store's head");
        gauge("gateway.sink.lag.seconds", runner, r -> r.status().lagSeconds(), tags,
                "How long the oldest event not yet acknowledged has been stored");
        gauge("gateway.sink.last.success", runner, r -> epoch(r.status().lastSuccessAt()), tags,
                "When the destination last acknowledged events (epoch seconds; 0 never since start)");
        gauge("gateway.sink.consecutive.failures", runner, r -> r.status().consecutiveFailures(), tags,
                "Failed attempts since the last success");
        gauge("gateway.sink.parked.messages", runner, r -> parkedMessages(def.name()), tags,
                "Messages in the sink's dead-letter list");
        FunctionCounter.builder("gateway.sink.deliveries", runner, SinkRunner::deliveries).tags(tags)
                .description("Events acknowledged by the destination (replays included)").register(registry);
        FunctionCounter.builder("gateway.sink.retries", runner, SinkRunner::retries).tags(tags)
                .description("Failed delivery attempts").register(registry);
        FunctionCounter.builder("gateway.sink.parked", runner, SinkRunner::parkedEvents).tags(tags)
                .description("Events parked after max-attempts failed attempts").register(registry);
    }

    private double parkedMessages(String sink) {
        try {
            return positions.parkedCount(sink);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private void gauge(String name, SinkRunner runner, ToDoubleFunction<SinkRunner> value, Tags tags,
            String description) {
        Gauge.builder(name, runner, value).tags(tags).description(description).register(registry);
    }

    private static double value(Long v) {
        return v == null ? Double.NaN : v;
    }

    private static double epoch(java.time.Instant at) {
        return at == null ? 0 : at.getEpochSecond();
    }
}
