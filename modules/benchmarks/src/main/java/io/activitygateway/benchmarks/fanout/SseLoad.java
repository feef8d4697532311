package io.activitygateway.benchmarks.fanout;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Many Server-Sent Events subscribers on a few non-blocking Vert.x event loops: HTTP/1.1 (a connection each) or
 * HTTP/2 cleartext with prior knowledge (many streams a connection, for more subscribers than file descriptors). Each
 * subscriber checks that it gets every seq once and in order and records each event's commit-to-receipt latency.
 */
final class SseLoad implements AutoCloseable {

    /** At most this many streams being opened at once, so opening 40,000 does not swamp either side. */
    private static final int OPENING = 256;

    private final Vertx vertx;
    private final HttpClient client;
    private final long after;
    private final AtomicLongArray commitNanos;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final Queue<LatencyHistogram> histograms = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<LatencyHistogram> histogram = ThreadLocal.withInitial(() -> {
        LatencyHistogram h = new LatencyHistogram();
        histograms.add(h);
        return h;
    });
    final AtomicLong failures = new AtomicLong();
    private volatile String firstFailure;

    SseLoad(int port, boolean h2c, int streamsPerConnection, int subscribers, int loops, long after,
            AtomicLongArray commitNanos) {
        this.after = after;
        this.commitNanos = commitNanos;
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        HttpClientOptions options = new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setKeepAlive(true).setIdleTimeout(0).setConnectTimeout(30_000);
        int connections = subscribers;
        if (h2c) {
            options.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
                    .setHttp2MultiplexingLimit(streamsPerConnection);
            connections = (subscribers + streamsPerConnection - 1) / streamsPerConnection;
        }
        client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(connections)
                .setHttp2MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** Opens {@code count} streams continuing after seq {@code after}; returns once each has its resume message. */
    void open(int count, long timeoutMillis) throws InterruptedException {
        Semaphore opening = new Semaphore(OPENING);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (int i = 0; i < count; i++) {
            if (!opening.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("opening the streams took longer than " + timeoutMillis + " ms ("
                        + opened() + " of " + count + " open; failures: " + failures + ", first: " + firstFailure + ")");
            }
            Subscriber s = new Subscriber(opening);
            subscribers.add(s);
            s.start();
        }
        while (opened() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(opened() + " of " + count + " streams opened in " + timeoutMillis
                        + " ms; failures: " + failures + ", first: " + firstFailure);
            }
            Thread.sleep(50);
        }
    }

    long opened() {
        long n = 0;
        for (Subscriber s : subscribers) {
            if (s.opened) {
                n++;
            }
        }
        return n;
    }

    /** Subscribers that have received every seq through {@code last}. */
    long completeThrough(long last) {
        long n = 0;
        for (Subscriber s : subscribers) {
            if (s.expected > last) {
                n++;
            }
        }
        return n;
    }

    /** Everything the subscribers saw: call once they are complete (or given up on). */
    Summary summary(long last) {
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram h : histograms) {
            all.add(h);
        }
        long gaps = 0;
        long repeats = 0;
        long incomplete = 0;
        long delivered = 0;
        long lastReceipt = 0;
        for (Subscriber s : subscribers) {
            gaps += s.gaps;
            repeats += s.repeats;
            delivered += s.delivered;
            if (s.expected <= last) {
                incomplete++;
            }
            lastReceipt = Math.max(lastReceipt, s.lastReceipt);
        }
        return new Summary(all, delivered, gaps, repeats, incomplete, lastReceipt, failures.get(), firstFailure);
    }

    record Summary(LatencyHistogram latency, long delivered, long gaps, long repeats, long incomplete,
            long lastReceiptNanos, long failures, String firstFailure) {
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void fail(String what) {
        failures.incrementAndGet();
        if (firstFailure == null) {
            firstFailure = what;
        }
    }

    /** One stream; its fields are written on its event loop and read by the main thread only for progress. */
    private final class Subscriber {
        private final Semaphore opening;
        private boolean released;
        volatile boolean opened;
        volatile long expected = after + 1;
        long delivered;
        long gaps;
        long repeats;
        long lastReceipt;
        private byte[] carry;

        Subscriber(Semaphore opening) {
            this.opening = opening;
        }

        void start() {
            client.request(HttpMethod.GET, "/api/v1/events/stream?lastEventId=" + after)
                    .compose(request -> request.putHeader("Accept", "text/event-stream").send())
                    .onSuccess(response -> {
                        if (response.statusCode() != 200) {
                            fail("status " + response.statusCode());
                            release();
                            return;
                        }
                        response.handler(this::onData);
                        response.exceptionHandler(e -> fail("stream: " + e));
                        response.endHandler(v -> fail("a stream ended"));
                    })
                    .onFailure(e -> {
                        fail("open: " + e);
                        release();
                    });
        }

        private void release() {
            if (!released) {
                released = true;
                opening.release();
            }
        }

        private void onData(Buffer chunk) {
            long now = System.nanoTime();
            byte[] fresh = chunk.getBytes();
            byte[] data;
            if (carry == null) {
                data = fresh;
            } else {
                data = new byte[carry.length + fresh.length];
                System.arraycopy(carry, 0, data, 0, carry.length);
                System.arraycopy(fresh, 0, data, carry.length, fresh.length);
            }
            int start = 0;
            for (int i = 0; i + 1 < data.length; i++) {
                if (data[i] == '\n' && data[i + 1] == '\n') {
                    message(data, start, now);
                    start = i + 2;
                    i++;
                }
            }
            carry = start < data.length ? java.util.Arrays.copyOfRange(data, start, data.length) : null;
        }

        /** One message starting at {@code from}: "id: N\nevent: activity\n...", the opening "retry: ...", or ": ...". */
        private void message(byte[] d, int from, long now) {
            if (d[from] == 'r') {
                opened = true;
                release();
                return;
            }
            if (d[from] != 'i') {
                return;
            }
            int i = from + 4;
            long seq = 0;
            while (d[i] != '\n') {
                seq = seq * 10 + (d[i++] - '0');
            }
            // "\nevent: " is 8 bytes; the activity messages' name starts with 'a'.
            if (d[i + 8] != 'a') {
                return;
            }
            if (seq == expected) {
                long committed = commitNanos.get((int) (seq - after));
                histogram.get().record(committed == 0 ? 0 : now - committed);
                delivered++;
                lastReceipt = now;
                expected = seq + 1;
            } else if (seq < expected) {
                repeats++;
            } else {
                gaps++;
                delivered++;
                expected = seq + 1;
            }
        }
    }
}
