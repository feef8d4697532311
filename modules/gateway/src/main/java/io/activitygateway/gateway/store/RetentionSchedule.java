package io.activitygateway.gateway.store;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.lease.Leases;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Runs the purge every {@code gateway.retention.every} when {@code gateway.retention.max-age} is set, on the one
 * instance that holds the {@code retention} lease, batch after batch until nothing more is due.
 */
@ApplicationScoped
public class RetentionSchedule {

    static final String LEASE = "retention";
    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    @Inject
    GatewayConfig config;
    @Inject
    EventRetention retention;
    @Inject
    Leases leases;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry registry;

    private ScheduledExecutorService executor;
    private Counter purged;
    private final AtomicLong lastRunAt = new AtomicLong();

    public static List<String> problems(GatewayConfig.Retention settings) {
        List<String> problems = new ArrayList<>();
        settings.maxAge().filter(d -> d.isNegative() || d.isZero()).ifPresent(d ->
                problems.add("gateway.retention.max-age: must be positive, was " + d));
        if (settings.every().isNegative() || settings.every().isZero()) {
            problems.add("gateway.retention.every: must be positive, was " + settings.every());
        }
        if (settings.batchSize() < 1 || settings.batchSize() > 100_000) {
            problems.add("gateway.retention.batch-size: must be 1..100000, was " + settings.batchSize());
        }
        return problems;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> problems = problems(config.retention());
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid retention configuration:\n  - " + String.join("\n  - ", problems));
        }
        purged = Counter.builder("gateway.retention.events.purged").description("Events deleted by retention")
                .register(registry);
        registry.gauge("gateway.retention.last.run.seconds", lastRunAt, a -> a.get() / 1000.0);
        if (config.retention().maxAge().isEmpty()) {
            LOG.debug("retention: off (gateway.retention.max-age is not set); every event is kept");
            return;
        }
        LOG.infof("retention: events stored more than %s ago are deleted, checked every %s",
                config.retention().maxAge().get(), config.retention().every());
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        });
        long every = config.retention().every().toMillis();
        executor.scheduleWithFixedDelay(this::runQuietly, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void runQuietly() {
        try {
            if (leases.holds(LEASE)) {
                purgeOlderThan(clock.instant().minus(config.retention().maxAge().orElseThrow()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("retention: purge failed (tried again in %s): %s", config.retention().every(), e.toString());
        }
    }

    /** Deletes, batch by batch, every event stored before {@code cutoff}; returns how many. */
    public long purgeOlderThan(Instant cutoff) {
        int batch = config.retention().batchSize();
        long total = 0;
        int deleted;
        do {
            deleted = retention.purgeBatch(cutoff, batch);
            total += deleted;
            if (purged != null) {
                purged.increment(deleted);
            }
        } while (deleted >= batch && !Thread.currentThread().isInterrupted());
        lastRunAt.set(clock.millis());
        if (total > 0) {
            LOG.infof("retention: deleted %d events stored before %s", total, cutoff);
        }
        return total;
    }

}
