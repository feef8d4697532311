package io.activitygateway.gateway.metrics;

import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.CommitResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of one connection (tag {@code connection}): its polls and why they failed, what it stored, its upstream
 * requests, and how far behind it is. Made once per connection and handed to its poll loop and HTTP client, so
 * recording is a field access, not a registry look-up.
 */
public final class ConnectionMeters {

    private final MeterRegistry registry;
    private final GatewayMeters.StoreMeters store;
    private final Tags tags;
    private final Clock clock;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter halted;
    private final Map<PollFailure, Counter> failures = new EnumMap<>(PollFailure.class);
    private final Counter stored;
    private final Counter duplicates;
    private final Counter gaps;
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();
    private final AtomicLong recordProblems = new AtomicLong();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile Instant newestOccurredAt;
    private volatile Instant checkpointAt;

    ConnectionMeters(MeterRegistry registry, GatewayMeters.StoreMeters store, String connection, String kind,
            Clock clock) {
        this.registry = registry;
        this.store = store;
        this.tags = Tags.of("connection", connection, "kind", kind);
        this.clock = clock;
        this.succeeded = polls("succeeded");
        this.failed = polls("failed");
        this.halted = polls("halted");
        // Every cause from the start: a series that exists at 0 makes increase() and alerts work from the first failure.
        for (PollFailure cause : PollFailure.values()) {
            failures.put(cause, Counter.builder("gateway.source.poll.failures").tags(tags).tag("cause", cause.tag())
                    .description("Failed polls, by cause").register(registry));
        }
        this.stored = Counter.builder("gateway.source.events.stored").tags(tags)
                .description("New events stored").register(registry);
        this.duplicates = Counter.builder("gateway.source.events.duplicates").tags(tags)
                .description("Events read again (lookback, overlaps) and skipped: already stored").register(registry);
        this.gaps = Counter.builder("gateway.source.gaps").tags(tags)
                .description("Spans reported in which events may be missing for good").register(registry);
        Gauge.builder("gateway.source.record.problems", recordProblems, AtomicLong::get).tags(tags)
                .description("Distinct upstream records that could not be (fully) read").register(registry);
        Gauge.builder("gateway.source.consecutive.failures", consecutiveFailures, AtomicInteger::get).tags(tags)
                .description("Polls failed in a row; 0 after a success").register(registry);
        Gauge.builder("gateway.source.lag", this, m -> m.secondsSince(m.newestOccurredAt)).tags(tags)
                .baseUnit("seconds").description("Now minus the newest occurredAt stored").register(registry);
        Gauge.builder("gateway.source.checkpoint.age", this, m -> m.secondsSince(m.checkpointAt)).tags(tags)
                .baseUnit("seconds").description("Now minus the last time a poll stored its checkpoint")
                .register(registry);
    }

    private Counter polls(String outcome) {
        return Counter.builder("gateway.source.polls").tags(tags).tag("outcome", outcome)
                .description("Polls ended, by outcome").register(registry);
    }

    /** What is already stored, at start-up: the lag and checkpoint age are right before the first poll. */
    void restore(Instant newest, Instant checkpoint, long problems) {
        newestOccurredAt = newest;
        checkpointAt = checkpoint;
        recordProblems.set(problems);
    }

    public void pollSucceeded() {
        succeeded.increment();
        consecutiveFailures.set(0);
    }

    public void pollFailed(PollFailure cause, int inARow) {
        (cause == PollFailure.CREDENTIALS ? halted : failed).increment();
        failures.get(cause).increment();
        consecutiveFailures.set(inARow);
    }

    /** A batch was committed in {@code nanos}: what it stored, and how recent the newest event it carried is. */
    public void committed(Batch batch, CommitResult result, long nanos) {
        store.committed().record(nanos, TimeUnit.NANOSECONDS);
        store.batchEvents().record(batch.events().size());
        stored.increment(result.stored());
        duplicates.increment(result.duplicates());
        gaps.increment(batch.gaps().size());
        checkpointAt = clock.instant();
        Instant newest = newestOccurredAt;
        for (SourceEvent e : batch.events()) {
            if (newest == null || e.occurredAt().isAfter(newest)) {
                newest = e.occurredAt();
            }
        }
        newestOccurredAt = newest;
    }

    /** A batch could not be stored; the poll fails and resumes from the last checkpoint. */
    public void commitFailed(long nanos) {
        store.failed().record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The distinct record problems stored for the connection, counted after a poll that met some. */
    public void recordProblems(long count) {
        recordProblems.set(count);
    }

    /**
     * One upstream request: {@code status} is the HTTP status class ({@code 2xx}, {@code 4xx}, {@code 5xx}),
     * {@code 429} by itself, or {@code timeout} / {@code io_error} when no answer came.
     */
    public void request(String status, long nanos) {
        requests.computeIfAbsent(status, s -> Timer.builder("gateway.upstream.requests").tags(tags).tag("status", s)
                .description("Upstream HTTP requests (each retry counts), by status")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private double secondsSince(Instant then) {
        return then == null ? Double.NaN : Duration.between(then, clock.instant()).toMillis() / 1000.0;
    }
}
