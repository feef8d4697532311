package io.activitygateway.gateway.sink;

import io.activitygateway.gateway.lease.Leases;
import io.activitygateway.sink.Delivery;
import io.activitygateway.sink.OutboundEvent;
import io.activitygateway.sink.PendingDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Delivers one sink on its own thread, so a slow or failing destination holds back nothing but itself. It reads the
 * store from the sink's durable position in seq order and moves the position only past what the destination
 * acknowledged (or what was parked after max-attempts failed attempts): at least once, in seq order. It works only
 * while this instance holds the sink's lease, and re-reads the position whenever it takes the lease again.
 */
final class SinkRunner {

    private static final Logger LOG = Logger.getLogger(SinkRunner.class);
    private static final int FAILING_AFTER = 3;
    private static final int REPLAYS_PER_ROUND = 10;
    private static final int PAGES_PER_ROUND = 64;
    private static final int REFUSED_ATTEMPTS = 3;

    private final SinkDefinition def;
    private final SinkReader reader;
    private final SinkPositions positions;
    private final Leases leases;
    private final Clock clock;
    private final SinkRetryDelay delays;
    private final Semaphore signal = new Semaphore(0);

    private volatile boolean running;
    private Thread thread;
    private ExecutorService readAhead;

    private volatile SinkState state = SinkState.IDLE;
    private volatile Long position;
    private volatile long head;
    private volatile Instant pendingSince;
    private volatile Instant lastSuccessAt;
    private volatile Instant lastErrorAt;
    private volatile String lastError;
    private volatile Integer lastErrorStatus;
    private volatile int consecutiveFailures;
    private volatile Instant nextAttemptAt;
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong parkedEvents = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();

    SinkRunner(SinkDefinition def, SinkReader reader, SinkPositions positions, Leases leases, Clock clock) {
        this.def = def;
        this.reader = reader;
        this.positions = positions;
        this.leases = leases;
        this.clock = clock;
        this.delays = new SinkRetryDelay(def.retryInitial(), def.retryMax());
    }

    void start() {
        running = true;
        readAhead = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sink-" + def.name() + "-read");
            t.setDaemon(true);
            return t;
        });
        thread = new Thread(this::run, "sink-" + def.name());
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (readAhead != null) {
            readAhead.shutdown();
        }
    }

    /** New events were committed, or a replay was asked for: look now. Cheap; many calls make one look. */
    void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    SinkDefinition definition() {
        return def;
    }

    SinkStatus status() {
        Long pos = position;
        long lag = pos == null ? 0 : Math.max(0, head - pos);
        Instant since = pendingSince;
        long lagSeconds = since == null || lag == 0 ? 0
                : Math.max(0, Duration.between(since, clock.instant()).toSeconds());
        return new SinkStatus(state, pos, head, lag, lagSeconds, lastSuccessAt, lastErrorAt, lastError,
                lastErrorStatus, consecutiveFailures, nextAttemptAt, deliveries.get(), retries.get(),
                parkedEvents.get(), replayed.get());
    }

    long deliveries() {
        return deliveries.get();
    }

    long retries() {
        return retries.get();
    }

    long parkedEvents() {
        return parkedEvents.get();
    }

    private void run() {
        while (running) {
            try {
                signal.drainPermits();
                if (!leases.holds(def.leaseResource())) {
                    if (state != SinkState.STANDBY) {
                        LOG.infof("[sink %s] another instance holds the lease; standing by", def.name());
                    }
                    state = SinkState.STANDBY;
                    position = null;
                    signal.tryAcquire(def.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                if (position == null) {
                    position = positions.positionOrStart(def.name(), def.start().initialPosition(reader.head()),
                            clock.instant());
                    LOG.infof("[sink %s] delivering to %s from after seq %d", def.name(), def.sink().target(),
                            position);
                }
                replays();
                if (!roundDelivered()) {
                    state = SinkState.IDLE;
                    pendingSince = null;
                    signal.tryAcquire(def.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The store or the position table failed, not the destination: no attempt was spent.
                failed("gateway error: " + e, null);
                LOG.warnf(e, "[sink %s] reading or recording failed; retrying", def.name());
                if (!sleep(delays.after(consecutiveFailures, Optional.empty(), ThreadLocalRandom.current()))) {
                    return;
                }
            }
        }
    }

    /**
     * Pages read and delivered up to the head seen at the start (a failed one retried until acknowledged or
     * parked); false when there was nothing to do. Up to {@code batchesInFlight} pages are sent before the first
     * is awaited, so reading and encoding the next pages overlaps the destination's writing of the earlier ones,
     * and each page is read and encoded on the read-ahead thread while the one before it is being sent;
     * the answers are awaited in the order sent, and the position moves past a page only once it and every page
     * before it were acknowledged.
     */
    private boolean roundDelivered() throws InterruptedException {
        long seen = reader.head();
        head = seen;
        long from = position;
        if (from >= seen) {
            return false;
        }
        int batch = def.sink().batchSize();
        int window = Math.max(1, def.sink().batchesInFlight());
        Deque<InFlight> inFlight = new ArrayDeque<>(window);
        boolean moreToRead = true;
        boolean endReached = false;
        boolean sentAny = false;
        try (PagesAhead pages = new PagesAhead(readAhead,
                after -> reader.page(def.filter(), after, seen, batch), from, batch, PAGES_PER_ROUND)) {
            while (running) {
                while (moreToRead && inFlight.size() < window) {
                    if (!leases.holds(def.leaseResource())) {
                        awaitAll(inFlight);
                        return true;
                    }
                    List<OutboundEvent> page = pages.next();
                    if (page.size() < batch) {
                        // A short page means nothing else up to the head passes the filter.
                        moreToRead = false;
                        endReached = true;
                    } else if (pages.pagesRead() >= PAGES_PER_ROUND) {
                        // A long backlog is delivered in rounds, so replays and a newer head are looked at between.
                        moreToRead = false;
                    }
                    if (page.isEmpty()) {
                        break;
                    }
                    if (!sentAny) {
                        state = SinkState.DELIVERING;
                        pendingSince = page.get(0).ingestedAt();
                        sentAny = true;
                    }
                    inFlight.add(new InFlight(page, def.sink().send(page)));
                }
                InFlight oldest = inFlight.poll();
                if (oldest == null) {
                    if (endReached) {
                        // Every page up to the head was acknowledged (or there was none): move past the head, so an
                        // idle sink shows no lag.
                        advance(seen);
                    }
                    return sentAny;
                }
                Delivery d = oldest.pending().await();
                List<OutboundEvent> page = oldest.page();
                if (d.acknowledged() >= page.size() && d.failure().isEmpty()) {
                    deliveries.addAndGet(page.size());
                    lastSuccessAt = clock.instant();
                    consecutiveFailures = 0;
                    nextAttemptAt = null;
                    advance(page.get(page.size() - 1).seq());
                    if (!inFlight.isEmpty()) {
                        pendingSince = inFlight.peek().page().get(0).ingestedAt();
                    }
                    continue;
                }
                // The later pages were sent behind a failed one: wait for them, but send them again after it (the
                // position is not past them), so what the destination keeps is in order after the retry.
                awaitAll(inFlight);
                retried(page, d);
                return true;
            }
        }
        awaitAll(inFlight);
        return true;
    }

    /** One page sent but not yet awaited. */
    private record InFlight(List<OutboundEvent> page, PendingDelivery pending) {
    }

    private static void awaitAll(Deque<InFlight> inFlight) throws InterruptedException {
        for (InFlight f : inFlight) {
            f.pending().await();
        }
        inFlight.clear();
    }

    /**
     * A page whose first answer {@code first} did not acknowledge all of it: what it did acknowledge counts, the
     * rest is sent again with backoff until acknowledged, or parked after max-attempts failed attempts.
     */
    private void retried(List<OutboundEvent> page, Delivery first) throws InterruptedException {
        Delivery d = first;
        List<OutboundEvent> rest = page;
        int attempts = 0;
        while (true) {
            int acked = Math.min(d.acknowledged(), rest.size());
            if (acked > 0) {
                deliveries.addAndGet(acked);
                lastSuccessAt = clock.instant();
                advance(rest.get(acked - 1).seq());
                rest = rest.subList(acked, rest.size());
                attempts = 0;
                if (rest.isEmpty()) {
                    consecutiveFailures = 0;
                    nextAttemptAt = null;
                } else {
                    pendingSince = rest.get(0).ingestedAt();
                }
            }
            if (d.failure().isEmpty()) {
                if (!rest.isEmpty()) {
                    // A sink that acknowledges less without saying why is treated as a failure with no reason.
                    d = Delivery.partial(acked, Delivery.Failure.of("the destination acknowledged " + acked
                            + " of " + (acked + rest.size()) + " events"));
                } else {
                    return;
                }
            }
            if (rest.isEmpty()) {
                return;
            }
            Delivery.Failure failure = d.failure().get();
            attempts++;
            retries.incrementAndGet();
            Integer status = failure.status().isPresent() ? failure.status().getAsInt() : null;
            failed(failure.message(), status);
            if (failure.refused() && attempts >= refusedAttempts()) {
                // Only the refused event is parked: the ones behind it go on (they were refused for nothing).
                park(rest.subList(0, 1), attempts, failure.message(), status);
                rest = rest.subList(1, rest.size());
                if (rest.isEmpty()) {
                    return;
                }
                attempts = 0;
                d = def.sink().deliver(rest);
                continue;
            }
            if (def.maxAttempts() > 0 && attempts >= def.maxAttempts()) {
                park(rest, attempts, failure.message(), status);
                return;
            }
            Duration wait = delays.after(attempts, failure.retryAfter(), ThreadLocalRandom.current());
            nextAttemptAt = clock.instant().plus(wait);
            state = consecutiveFailures >= FAILING_AFTER ? SinkState.FAILING : SinkState.BACKING_OFF;
            LOG.warnf("[sink %s] attempt %d at %d events from seq %d failed (%s); next in %d ms", def.name(),
                    attempts, rest.size(), rest.get(0).seq(), failure.message(), wait.toMillis());
            if (!sleep(wait)) {
                throw new InterruptedException();
            }
            if (!running || !leases.holds(def.leaseResource())) {
                return;
            }
            state = SinkState.DELIVERING;
            d = def.sink().deliver(rest);
        }
    }

    /**
     * Attempts at an event the destination refused for what it is before it is parked: max-attempts where that is
     * set, else a few, so that a sink retrying outages for ever does not stop for ever behind one bad event.
     */
    private int refusedAttempts() {
        return def.maxAttempts() > 0 ? Math.min(def.maxAttempts(), REFUSED_ATTEMPTS) : REFUSED_ATTEMPTS;
    }

    private void park(List<OutboundEvent> message, int attempts, String error, Integer status) {
        List<Long> seqs = message.stream().map(OutboundEvent::seq).toList();
        positions.park(def.name(), seqs, attempts, error, status, clock.instant());
        parkedEvents.addAndGet(seqs.size());
        position = Math.max(position, seqs.get(seqs.size() - 1));
        nextAttemptAt = null;
        LOG.errorf("[sink %s] parked %d events (seq %d to %d) after %d failed attempts: %s; replay them with"
                + " POST /api/v1/sinks/%s/parked/{id}/replay", def.name(), seqs.size(), seqs.get(0),
                seqs.get(seqs.size() - 1), attempts, error, def.name());
    }

    /** Sends the parked messages a replay was asked for, once each; one that fails again stays parked. */
    private void replays() throws InterruptedException {
        for (ParkedMessage parked : positions.replaysRequested(def.name(), REPLAYS_PER_ROUND)) {
            List<OutboundEvent> events = reader.bySeqs(parked.seqs());
            if (events.isEmpty()) {
                positions.remove(def.name(), parked.id());
                LOG.warnf("[sink %s] parked message %d holds no stored event any more; removed", def.name(),
                        parked.id());
                continue;
            }
            Delivery d = def.sink().deliver(events);
            if (d.acknowledged() >= events.size()) {
                positions.remove(def.name(), parked.id());
                deliveries.addAndGet(events.size());
                replayed.addAndGet(events.size());
                lastSuccessAt = clock.instant();
                LOG.infof("[sink %s] replayed parked message %d (%d events)", def.name(), parked.id(),
                        events.size());
            } else {
                String error = d.failure().map(Delivery.Failure::message).orElse("not acknowledged");
                Integer status = d.failure().flatMap(f -> f.status().isPresent()
                        ? Optional.of(f.status().getAsInt()) : Optional.empty()).orElse(null);
                retries.incrementAndGet();
                failed(error, status);
                positions.replayFailed(parked.id(), error, status, clock.instant());
            }
        }
    }

    private void advance(long to) {
        if (to > position) {
            positions.advance(def.name(), to, clock.instant());
            position = to;
        }
    }

    private void failed(String message, Integer status) {
        lastErrorAt = clock.instant();
        lastError = message;
        lastErrorStatus = status;
        consecutiveFailures++;
    }

    private boolean sleep(Duration wait) {
        try {
            Thread.sleep(Math.max(1, wait.toMillis()));
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
