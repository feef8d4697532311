package io.activitygateway.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * An SSE client as a well-behaved consumer writes one: it reads the change feed and, whenever the stream ends or
 * fails (the gateway was killed), reconnects with {@code Last-Event-ID} set to the last id it got.
 */
final class FeedClient implements AutoCloseable {

    record Received(long seq, String id) {
    }

    private final IntSupplier port;
    private final List<Received> received = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile InputStream current;
    private volatile long lastSeq;
    private volatile int reconnects;

    FeedClient(IntSupplier port) {
        this.port = port;
        this.thread = new Thread(this::run, "feed-client");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!stopped) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt()
                        + "/api/v1/events/stream")).header("Accept", "text/event-stream")
                        .header("Last-Event-ID", Long.toString(lastSeq)).build();
                HttpResponse<InputStream> r = ChildJvm.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
                current = r.body();
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("stream answered " + r.statusCode() + ": "
                            + new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
                String id = null;
                for (String line; (line = reader.readLine()) != null;) {
                    if (line.startsWith("id: ")) {
                        id = line.substring(4).strip();
                    } else if (line.startsWith("data: ") && id != null) {
                        JsonNode data = Sandbox.JSON.readTree(line.substring(6));
                        if (data.has("seq")) {
                            synchronized (received) {
                                received.add(new Received(data.get("seq").asLong(), data.get("id").asText()));
                            }
                            lastSeq = Long.parseLong(id);
                        }
                    } else if (line.isEmpty()) {
                        id = null;
                    }
                }
            } catch (Exception e) {
                // the gateway is away or was killed: reconnect
            }
            if (!stopped) {
                reconnects++;
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    long lastSeq() {
        return lastSeq;
    }

    int reconnects() {
        return reconnects;
    }

    /** Waits until the client has seen {@code seq}, or the timeout passed. */
    boolean awaitSeq(long seq, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (lastSeq < seq && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        return lastSeq >= seq;
    }

    @Override
    public void close() throws Exception {
        stopped = true;
        InputStream in = current;
        if (in != null) {
            in.close();
        }
        thread.interrupt();
        thread.join(5000);
    }
}
