package io.activitygateway.gateway.metrics;

import io.activitygateway.gateway.feed.FeedHub;
import io.activitygateway.gateway.source.Connection;
import io.activitygateway.gateway.store.SourceStateEntity;
import io.activitygateway.gateway.store.SourceStates;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's own meters, all named {@code gateway.<area>.<what>} (Prometheus: {@code gateway_<area>_<what>}):
 * per connection ({@link ConnectionMeters}), the store's commits, and the change feed's counters
 * ({@link FeedHub#stats()}). docs/operations.md lists them with alert rules.
 */
@ApplicationScoped
public class GatewayMeters {

    /** Shared by every connection: the event store's commits. */
    record StoreMeters(Timer committed, Timer failed, DistributionSummary batchEvents) {
    }

    @Inject
    MeterRegistry registry;
    @Inject
    Clock clock;
    @Inject
    SourceStates states;

    private final Map<String, ConnectionMeters> connections = new ConcurrentHashMap<>();
    private volatile StoreMeters store;

    /** The meters of a connection, made (and filled from the store) on first use. */
    public ConnectionMeters connection(Connection connection) {
        return connections.computeIfAbsent(connection.name(), name -> {
            ConnectionMeters meters = new ConnectionMeters(registry, store(), name, connection.kind().name(), clock);
            meters.restore(states.newestOccurredAt(name).orElse(null),
                    states.find(name).map((SourceStateEntity s) -> s.checkpointAt).orElse(null),
                    states.problemCount(name));
            return meters;
        });
    }

    void onStart(@Observes StartupEvent event, FeedHub feed) {
        bindFeed(feed.stats());
    }

    /** Exposes the feed's counters; they are read at scrape time, so the feed pays nothing for them. */
    private void bindFeed(FeedHub.Stats stats) {
        Gauge.builder("gateway.feed.streams.open", stats, FeedHub.Stats::open)
                .description("Event streams open now").register(registry);
        counter("gateway.feed.events.delivered", stats, FeedHub.Stats::delivered,
                "Events written to streams (each stream counts its own)");
        counter("gateway.feed.replay.pages", stats, FeedHub.Stats::storeReads,
                "Pages read from the store for streams behind the in-memory window (resumes, slow consumers)");
        counter("gateway.feed.backpressure", stats, FeedHub.Stats::backPressured,
                "Times a stream's connection was full while it had more to send (a slow consumer stalling)");
        counter("gateway.feed.streams.dropped", stats, FeedHub.Stats::stalled,
                "Streams closed because they took no data for gateway.feed.stall-timeout");
    }

    private <T> void counter(String name, T state, ToDoubleFunction<T> value, String description) {
        FunctionCounter.builder(name, state, value).description(description).register(registry);
    }

    private StoreMeters store() {
        if (store == null) {
            synchronized (this) {
                if (store == null) {
                    store = new StoreMeters(commitTimer("success"), commitTimer("failure"),
                            DistributionSummary.builder("gateway.store.batch.events")
                                    .description("Events per committed batch, new and already stored")
                                    .publishPercentileHistogram().minimumExpectedValue(1.0)
                                    .maximumExpectedValue(10_000.0).register(registry));
                }
            }
        }
        return store;
    }

    private Timer commitTimer(String outcome) {
        return Timer.builder("gateway.store.commits").tag("outcome", outcome)
                .description("Batch commits: events, checkpoint, problems and gaps in one transaction")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    }
}
