package io.activitygateway.gateway.scripted;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.activitygateway.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A small upstream API for the test-only "scripted" source kind, served over real HTTP on loopback. Each
 * connection has its own feed under {@code /{connection}/records?after=N&limit=M}; tests append records, queue
 * faults (a status with headers and body, or a delay) and read which requests arrived.
 */
public final class ScriptedUpstream implements AutoCloseable {

    public static final String TOKEN = "scripted-secret-token-1234";

    /** One scripted answer that replaces the next normal response. */
    public record Fault(int status, Map<String, String> headers, String body, Duration delay) {
        public static Fault status(int status) {
            return new Fault(status, Map.of(), "{\"error\":\"scripted " + status + "\"}", Duration.ZERO);
        }

        public static Fault retryAfter(int status, String retryAfter) {
            return new Fault(status, Map.of("Retry-After", retryAfter), "{\"error\":\"slow down\"}", Duration.ZERO);
        }

        public static Fault delay(Duration delay) {
            return new Fault(0, Map.of(), "", delay);
        }
    }

    private static ScriptedUpstream shared;

    private final HttpServer server;
    private final Map<String, Feed> feeds = new HashMap<>();

    private static final class Feed {
        final List<ObjectNode> records = new ArrayList<>();
        final Deque<Fault> faults = new ArrayDeque<>();
        final List<String> requests = new ArrayList<>();
        ObjectNode extras = Json.mapper().createObjectNode();
    }

    private ScriptedUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The one upstream all gateway tests in this JVM share (the gateway's config points at it). */
    public static synchronized ScriptedUpstream shared() {
        if (shared == null) {
            try {
                shared = new ScriptedUpstream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public URI baseUrl(String connection) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + connection);
    }

    private synchronized Feed feed(String connection) {
        return feeds.computeIfAbsent(connection, c -> new Feed());
    }

    /** Appends a well-formed record; returns it so a test can compare. */
    public ObjectNode add(String connection, String id, String type, String occurredAt, String actor, String object) {
        ObjectNode r = Json.mapper().createObjectNode().put("id", id).put("type", type).put("at", occurredAt)
                .put("actor", actor).put("object", object).put("container", "space-1")
                .put("summary", actor + " " + type + " " + object);
        return append(connection, r);
    }

    public synchronized ObjectNode append(String connection, ObjectNode record) {
        feed(connection).records.add(record);
        return record;
    }

    public synchronized void fail(String connection, Fault... faults) {
        Collections.addAll(feed(connection).faults, faults);
    }

    /** Extra top-level fields for every page: {@code lost} (a gap) and {@code warning}. */
    public synchronized void extras(String connection, ObjectNode extras) {
        feed(connection).extras = extras;
    }

    public synchronized List<String> requests(String connection) {
        return List.copyOf(feed(connection).requests);
    }

    public synchronized void reset(String connection) {
        feeds.remove(connection);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/");
            if (parts.length < 3 || !"records".equals(parts[2])) {
                send(exchange, 404, Map.of(), "{\"error\":\"no such path\"}");
                return;
            }
            String connection = parts[1];
            Fault fault;
            List<ObjectNode> records;
            ObjectNode extras;
            synchronized (this) {
                Feed feed = feed(connection);
                feed.requests.add(exchange.getRequestURI().toString());
                fault = feed.faults.poll();
                records = List.copyOf(feed.records);
                extras = feed.extras.deepCopy();
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, Map.of(), "{\"error\":\"bad token\"}");
                return;
            }
            if (fault != null) {
                if (!fault.delay().isZero()) {
                    Thread.sleep(fault.delay().toMillis());
                } else {
                    send(exchange, fault.status(), fault.headers(), fault.body());
                    return;
                }
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int after = Integer.parseInt(query.getOrDefault("after", "0"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
            ObjectNode page = Json.mapper().createObjectNode();
            ArrayNode items = page.putArray("records");
            int end = Math.min(records.size(), after + limit);
            for (int i = after; i < end; i++) {
                items.add(records.get(i));
            }
            page.put("next", end);
            page.put("more", end < records.size());
            page.setAll(extras);
            send(exchange, 200, Map.of(), page.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
