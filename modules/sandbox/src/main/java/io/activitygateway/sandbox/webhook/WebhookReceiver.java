package io.activitygateway.sandbox.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook endpoint for tests and the demo: it verifies every message's Standard Webhooks signature
 * ({@link SignatureCheck}), reads the CloudEvents HTTP binding (binary, structured or batch) and records what it
 * accepted. It can be told to answer with an error (500, 429 with Retry-After, ...) for the next N messages, and to
 * answer slowly.
 *
 * <p>Messages go to {@code POST /hooks/<anything>}; {@code GET /_deliveries} lists what was accepted,
 * {@code POST /_fail?count=N&status=S[&retryAfter=s]} and {@code POST /_delay?ms=M} change its behaviour.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One accepted message. */
    public record Received(String webhookId, long timestamp, String contentType, List<ReceivedEvent> events,
            Instant at) {
    }

    /** One CloudEvent of an accepted message. */
    public record ReceivedEvent(String id, long sequence, String subject, String source, String type, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final SignatureCheck check;
    private final Clock clock;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger failuresAnswered = new AtomicInteger();
    private volatile int failStatus = 500;
    private volatile Integer failRetryAfter;
    private final AtomicLong delayMillis = new AtomicLong();
    private volatile String lastRejection;

    private WebhookReceiver(HttpServer server, ExecutorService executor, SignatureCheck check, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.check = check;
        this.clock = clock;
    }

    /** Starts a receiver on 127.0.0.1 at {@code port} (0: any free port). */
    public static WebhookReceiver start(int port, String whsecSecret, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        WebhookReceiver receiver = new WebhookReceiver(server, executor, new SignatureCheck(whsecSecret), clock);
        server.createContext("/hooks", receiver::hook);
        server.createContext("/_deliveries", receiver::list);
        server.createContext("/_fail", receiver::failControl);
        server.createContext("/_delay", receiver::delayControl);
        server.start();
        return receiver;
    }

    public String url(String hook) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + hook;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers the next {@code count} authentic messages with {@code status} (and Retry-After, if not null). */
    public void failNext(int count, int status, Integer retryAfterSeconds) {
        failStatus = status;
        failRetryAfter = retryAfterSeconds;
        failuresLeft.set(count);
    }

    /** Waits this long before answering each message. */
    public void delay(Duration delay) {
        delayMillis.set(delay.toMillis());
    }

    public List<Received> deliveries() {
        return List.copyOf(received);
    }

    /** Every accepted event in the order received, duplicates included. */
    public List<ReceivedEvent> events() {
        List<ReceivedEvent> out = new ArrayList<>();
        received.forEach(r -> out.addAll(r.events()));
        return out;
    }

    public int requests() {
        return requests.get();
    }

    /** Messages refused for a missing or wrong signature. */
    public int rejected() {
        return rejected.get();
    }

    public String lastRejection() {
        return lastRejection;
    }

    /** Messages answered with the error asked for by {@link #failNext}. */
    public int failuresAnswered() {
        return failuresAnswered.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void hook(HttpExchange x) throws IOException {
        try (x) {
            if (!x.getRequestMethod().equals("POST")) {
                reply(x, 405, "only POST");
                return;
            }
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readAllBytes();
            }
            String problem = check.problem(x.getRequestHeaders().getFirst("webhook-id"),
                    x.getRequestHeaders().getFirst("webhook-timestamp"),
                    x.getRequestHeaders().getFirst("webhook-signature"), body, clock.instant());
            if (problem != null) {
                rejected.incrementAndGet();
                lastRejection = problem;
                reply(x, 401, problem);
                return;
            }
            long delay = delayMillis.get();
            if (delay > 0) {
                Thread.sleep(delay);
            }
            if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                failuresAnswered.incrementAndGet();
                if (failRetryAfter != null) {
                    x.getResponseHeaders().add("Retry-After", Integer.toString(failRetryAfter));
                }
                reply(x, failStatus, "failing on purpose");
                return;
            }
            List<ReceivedEvent> events;
            try {
                events = events(x.getRequestHeaders().getFirst("Content-Type"), x.getRequestHeaders(), body);
            } catch (IOException | RuntimeException e) {
                reply(x, 400, "not a CloudEvent: " + e.getMessage());
                return;
            }
            received.add(new Received(x.getRequestHeaders().getFirst("webhook-id"),
                    Long.parseLong(x.getRequestHeaders().getFirst("webhook-timestamp")),
                    x.getRequestHeaders().getFirst("Content-Type"), events, clock.instant()));
            x.sendResponseHeaders(204, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<ReceivedEvent> events(String contentType, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        List<ReceivedEvent> out = new ArrayList<>();
        if (type.startsWith("application/cloudevents-batch+json")) {
            for (JsonNode e : JSON.readTree(body)) {
                out.add(structured(e));
            }
        } else if (type.startsWith("application/cloudevents+json")) {
            out.add(structured(JSON.readTree(body)));
        } else {
            String id = first(headers, "ce-id");
            if (id == null || !"1.0".equals(first(headers, "ce-specversion"))) {
                throw new IOException("binary mode needs ce-id and ce-specversion 1.0");
            }
            out.add(new ReceivedEvent(id, Long.parseLong(first(headers, "ce-sequence")), first(headers, "ce-subject"),
                    first(headers, "ce-source"), first(headers, "ce-type"), JSON.readTree(body)));
        }
        return out;
    }

    private static ReceivedEvent structured(JsonNode e) throws IOException {
        if (!"1.0".equals(e.path("specversion").asText()) || !e.hasNonNull("id")) {
            throw new IOException("a structured CloudEvent needs specversion 1.0 and an id");
        }
        return new ReceivedEvent(e.get("id").asText(), Long.parseLong(e.path("sequence").asText("0")),
                e.path("subject").asText(null), e.path("source").asText(null), e.path("type").asText(null),
                e.get("data"));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }

    private void list(HttpExchange x) throws IOException {
        try (x) {
            ObjectNode root = JSON.createObjectNode();
            root.put("requests", requests.get());
            root.put("rejected", rejected.get());
            root.put("failuresAnswered", failuresAnswered.get());
            ArrayNode list = root.putArray("deliveries");
            for (Received r : received) {
                ObjectNode d = list.addObject();
                d.put("webhookId", r.webhookId());
                d.put("at", r.at().toString());
                d.put("contentType", r.contentType());
                ArrayNode ids = d.putArray("events");
                r.events().forEach(e -> ids.add(e.id()));
            }
            byte[] json = JSON.writeValueAsBytes(root);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, json.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(json);
            }
        }
    }

    private void failControl(HttpExchange x) throws IOException {
        try (x) {
            Map<String, String> q = query(x);
            failNext(Integer.parseInt(q.getOrDefault("count", "1")), Integer.parseInt(q.getOrDefault("status", "500")),
                    q.containsKey("retryAfter") ? Integer.valueOf(q.get("retryAfter")) : null);
            x.sendResponseHeaders(204, -1);
        } catch (NumberFormatException e) {
            reply(x, 400, "count, status and retryAfter are whole numbers");
        }
    }

    private void delayControl(HttpExchange x) throws IOException {
        try (x) {
            delay(Duration.ofMillis(Long.parseLong(query(x).getOrDefault("ms", "0"))));
            x.sendResponseHeaders(204, -1);
        } catch (NumberFormatException e) {
            reply(x, 400, "ms is a whole number");
        }
    }

    private static Map<String, String> query(HttpExchange x) {
        Map<String, String> out = new java.util.HashMap<>();
        String q = x.getRequestURI().getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return out;
    }

    private static void reply(HttpExchange x, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
