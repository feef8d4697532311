package io.activitygateway.gateway.feed;

import io.activitygateway.gateway.api.EventFormat;
import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.store.EventEntity;
import io.activitygateway.gateway.store.EventFilter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Fans the shared window out to the open streams. Streams are grouped by event loop ({@link FeedLoop}) and, within
 * a loop, those with equal filters and format that are in step into cohorts ({@link Cohort}): when the reader adds
 * events, each loop gets one task in which each cohort filters the new events once and writes the same joined
 * buffers to all its members, so the cost of a batch grows with the cohorts and the writes, not with subscribers
 * times events. Subscribers behind the window read the store on a small, bounded pool, so a crowd reconnecting
 * after an outage queues up instead of flooding the database.
 */
@ApplicationScoped
public class FeedHub {

    /** A page of a subscriber's replay: its frames, the seq it covers through, or the end (events purged). */
    record Page(List<Buffer> frames, long through, Buffer gone) {
    }

    @Inject
    Vertx vertx;
    @Inject
    FeedReader reader;
    @Inject
    FeedHistory history;
    @Inject
    FeedCodec codec;
    @Inject
    PostgresFeedSignals signals;
    @Inject
    GatewayConfig config;
    @Inject
    Clock clock;

    final Stats stats = new Stats();
    /** By event-loop thread: a connection's tasks always run on the one thread of its loop. */
    private final Map<Thread, FeedLoop> loops = new ConcurrentHashMap<>();
    private ExecutorService storeReads;
    private long heartbeatTimer = -1;

    void onStart(@Observes StartupEvent event) {
        AtomicInteger n = new AtomicInteger();
        storeReads = Executors.newFixedThreadPool(Math.max(1, config.feed().catchUpThreads()), r -> {
            Thread t = new Thread(r, "feed-catch-up-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        reader.start();
        signals.start();
        long stallMillis = config.feed().stallTimeout().toMillis();
        heartbeatTimer = vertx.setPeriodic(Math.max(10, config.feed().heartbeat().toMillis()),
                id -> forEachLoop(s -> s.heartbeat(clock.millis(), stallMillis)));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
        signals.stop();
        reader.stop();
        forEachLoop(Subscriber::end);
        if (storeReads != null) {
            storeReads.shutdownNow();
        }
    }

    FeedWindow window() {
        return reader.window();
    }

    /** The seq a stream without Last-Event-ID or since starts after: the newest the reader has seen. */
    public long head() {
        FeedWindow window = reader.window();
        return window != null ? window.head : history.head();
    }

    /**
     * Opens a stream on the response, continuing after seq {@code after}. Call on any thread; the stream lives on
     * the connection's event loop ({@code context}, the request's, which runs its tasks there).
     */
    public void subscribe(Context context, HttpServerResponse response, EventFilter filter, EventFormat format,
            long after) {
        Buffer opening = codec.opening(after, config.feed().retry().toMillis());
        context.runOnContext(v -> {
            response.setStatusCode(200)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no")
                    .putHeader("Last-Event-ID", Long.toString(after))
                    .setChunked(true);
            FeedLoop loop = loops.computeIfAbsent(Thread.currentThread(), t -> new FeedLoop(this));
            Subscriber subscriber = new Subscriber(this, loop, context, response, filter, format, after);
            stats.opened.incrementAndGet();
            subscriber.open(opening);
        });
    }

    /** The reader added events: every loop lets its subscribers catch up, once however many batches came. */
    void publish() {
        for (FeedLoop loop : loops.values()) {
            loop.schedule();
        }
    }

    /** Reads a replay page on the bounded pool; the future completes on the subscriber's event loop. */
    Future<Page> history(Context context, long after, long upTo, EventFilter filter, EventFormat format) {
        Promise<Page> promise = Promise.promise();
        int batch = Math.max(1, config.feed().readBatch());
        try {
            storeReads.execute(() -> {
                Page page;
                try {
                    page = page(after, upTo, filter, format, batch);
                } catch (RuntimeException e) {
                    context.runOnContext(v -> promise.fail(e));
                    return;
                }
                context.runOnContext(v -> promise.complete(page));
            });
        } catch (RejectedExecutionException e) {
            // Shutting down.
            promise.fail(e);
        }
        return promise.future();
    }

    private Page page(long after, long upTo, EventFilter filter, EventFormat format, int batch) {
        long purged = history.purgedThrough();
        if (after < purged) {
            return new Page(List.of(), after, codec.gone(after, purged));
        }
        List<EventEntity> rows = history.after(filter, after, upTo, batch);
        long purgedSince = history.purgedThrough();
        if (after < purgedSince) {
            // A purge committed between the two reads: the rows may lack events it deleted, so they are not sent.
            return new Page(List.of(), after, codec.gone(after, purgedSince));
        }
        List<Buffer> frames = new ArrayList<>(rows.size());
        for (EventEntity row : rows) {
            frames.add(codec.activity(row, format));
        }
        long through = rows.size() < batch ? upTo : rows.get(rows.size() - 1).seq;
        return new Page(frames, through, null);
    }

    private void forEachLoop(Consumer<Subscriber> action) {
        for (FeedLoop loop : loops.values()) {
            loop.forEach(action);
        }
    }

    /** Counters for operators and tests. */
    public static final class Stats {
        final AtomicLong opened = new AtomicLong();
        final AtomicLong closed = new AtomicLong();
        private final LongAdder storeReads = new LongAdder();
        private final LongAdder backPressured = new LongAdder();
        private final LongAdder stalled = new LongAdder();
        private final LongAdder delivered = new LongAdder();
        private final LongAdder cohortWrites = new LongAdder();
        private final AtomicLong pendingHighWater = new AtomicLong();

        void countStoreRead() {
            storeReads.increment();
        }

        void countBackPressure() {
            backPressured.increment();
        }

        void countStall() {
            stalled.increment();
        }

        void countDelivered(long frames) {
            delivered.add(frames);
        }

        void countCohortWrites(int streams) {
            cohortWrites.add(streams);
        }

        void notePending(int frames) {
            if (frames > pendingHighWater.get()) {
                pendingHighWater.accumulateAndGet(frames, Math::max);
            }
        }

        /** Streams open now. */
        public long open() {
            return opened.get() - closed.get();
        }

        /** Replay pages read from the store (behind the window, or resuming from before it). */
        public long storeReads() {
            return storeReads.sum();
        }

        /** Times a stream's connection was full while it had more to send. */
        public long backPressured() {
            return backPressured.sum();
        }

        /** Streams closed because they took no data for gateway.feed.stall-timeout. */
        public long stalled() {
            return stalled.sum();
        }

        /** Events handed to streams' connections, each stream counting its own. */
        public long delivered() {
            return delivered.sum();
        }

        /** Batches written to in-step streams by their cohort, from buffers shared by the cohort, each stream counting. */
        public long cohortWrites() {
            return cohortWrites.sum();
        }

        /** The most frames any subscriber held waiting for its connection (bounded by read-batch). */
        public long pendingHighWater() {
            return pendingHighWater.get();
        }
    }

    public Stats stats() {
        return stats;
    }
}
