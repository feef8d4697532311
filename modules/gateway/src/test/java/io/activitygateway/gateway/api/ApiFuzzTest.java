package io.activitygateway.gateway.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded property test over every parameter of every endpoint: random mixes of valid values, garbage, wrong
 * encodings, oversized values and unknown names, sent raw. The property: no answer is a 5xx, and every answer
 * that is not a success is problem+json. {@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.requests=N} sizes it.
 */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class ApiFuzzTest {

    private record Endpoint(String method, String path, List<String> params, boolean stream, boolean body) {
    }

    private static final List<String> FILTERS = List.of("source", "connection", "type", "sourceType", "objectType",
            "objectId", "actorId", "containerId", "since", "until");

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/events", concat(FILTERS, "limit", "order", "cursor", "include", "format"),
                    false, false),
            new Endpoint("GET", "/api/v1/events/{id}", List.of("include", "format"), false, false),
            new Endpoint("GET", "/api/v1/events/stream", concat(FILTERS, "since", "format", "access_token"), true,
                    false),
            new Endpoint("GET", "/api/v1/sources", List.of(), false, false),
            new Endpoint("GET", "/api/v1/sources/{name}", List.of(), false, false),
            new Endpoint("POST", "/api/v1/sources/{name}/poll", List.of(), false, false),
            new Endpoint("GET", "/api/v1/sources/{name}/record-problems", List.of("limit"), false, false),
            new Endpoint("PUT", "/api/v1/sinks/{name}", List.of(), false, true),
            new Endpoint("DELETE", "/api/v1/sinks/{name}", List.of(), false, false),
            new Endpoint("GET", "/api/v1/me", List.of(), false, false),
            new Endpoint("POST", "/api/v1/stream-tokens", List.of(), false, false),
            new Endpoint("GET", "/api/v1/keys", List.of(), false, false),
            new Endpoint("GET", "/api/v1/keys/{id}", List.of(), false, false),
            new Endpoint("POST", "/api/v1/keys", List.of(), false, true),
            new Endpoint("DELETE", "/api/v1/keys/{id}", List.of(), false, false));

    private static final String[] VALUES = { "", " ", "kantata", "worksection", "onehub", "scripted", "alpha",
            "gamma", "created", "updated", "2026-11-20T10:15:30Z", "2026-11-20T10:15:30+01:00", "2026-13-45",
            "yesterday", "0", "1", "-1", "1000", "1001", "99999999999999999999", "1e3", "raw", "json",
            "cloudevents", "occurred_asc", "occurred_desc", "a,b,,c", ",,,", "null", "true", "\u00e9\u00e8\u4e2d",
            "\ud83d\ude00", "'; DROP TABLE event; --", "<script>", "../../etc/passwd", "a;b", "%", "%%%", "%zz", "%2",
            "%00", "%FF%FE", "{}", "|", "^", "\\", "`", "\"", "<>", "[]", "#frag", "eyJvIjoiYSJ9", "&&&", "==", "+",
            "%2B01:00" };

    private static final String[] ACCEPTS = { null, "", " ", "*/*", "application/json", "text/html",
            "application/cloudevents+json", "application/cloudevents-batch+json", "text/event-stream", ";;;",
            "application/", "a/b; q=abc", "application/json;q=0", "\u00e9/\u00e8" };

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void noInputGivesA5xxAndEveryRefusalIsAProblem() throws IOException {
        long seed = Long.getLong("fuzz.seed", 17L);
        int requests = Integer.getInteger("fuzz.requests", 1500);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < requests; i++) {
            Endpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            String target = target(endpoint, random);
            List<String> headers = new ArrayList<>();
            String accept = ACCEPTS[random.nextInt(ACCEPTS.length)];
            if (accept != null) {
                headers.add("Accept: " + accept);
            }
            if (endpoint.stream() && random.nextBoolean()) {
                headers.add("Last-Event-ID: " + value(random));
            }
            String body = endpoint.body() ? body(random) : null;
            if (body != null) {
                headers.add("Content-Type: " + (random.nextInt(4) == 0 ? "text/plain" : "application/json"));
            }
            RawHttp.Answer answer;
            try {
                answer = RawHttp.send(RestAssured.port, endpoint.method(), target, body, endpoint.stream(),
                        headers.toArray(String[]::new));
            } catch (RuntimeException e) {
                failures.add(endpoint.method() + " " + target + " " + headers + ": no HTTP answer (" + e + ")");
                continue;
            }
            statuses.merge(answer.status(), 1, Integer::sum);
            boolean ok = answer.status() < 500 && (answer.status() < 400
                    || (endpoint.stream() ? isProblemType(answer) : answer.isProblem()));
            if (!ok) {
                failures.add(endpoint.method() + " " + shorten(target) + " " + headers + " -> " + answer);
            }
        }
        System.out.printf("fuzz seed %d: %d requests, statuses %s%n", seed, requests, statuses);
        if (!failures.isEmpty()) {
            fail("seed " + seed + ": " + failures.size() + " of " + requests + " answers broke the property, e.g.\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(15, failures.size()))));
        }
        assertTrue(statuses.keySet().stream().anyMatch(s -> s < 300), "some requests succeed: " + statuses);
        assertTrue(statuses.keySet().stream().anyMatch(s -> s >= 400), "some requests are refused: " + statuses);
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...(" + text.length() + " chars)";
    }

    private static boolean isProblemType(RawHttp.Answer answer) {
        String type = answer.header("content-type");
        return type != null && type.startsWith("application/problem+json");
    }

    private static String target(Endpoint endpoint, Random random) {
        String path = endpoint.path()
                .replace("{id}", random.nextInt(3) == 0 ? "no-such-id" : raw(value(random), random, true))
                .replace("{name}", random.nextInt(2) == 0 ? "alpha" : raw(value(random), random, true));
        if (path.contains("//")) {
            path = path.replace("//", "/x/");
        }
        List<String> names = new ArrayList<>(endpoint.params());
        names.addAll(List.of("x", "limit", "q", "verbose", "%zz", "a;b"));
        int count = random.nextInt(5);
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(5) == 0 ? names.get(random.nextInt(names.size()))
                    : endpoint.params().isEmpty() ? "x" : endpoint.params().get(random.nextInt(endpoint.params().size()));
            String value = raw(value(random), random, false);
            if (random.nextInt(10) == 0) {
                // Up to about 1.5 times the gateway's own limit (8 KiB) per value, all of them together inside
                // Vert.x's backstop (64 KiB), beyond which Netty answers a bare 414 (docs/api.md).
                value = value.repeat(1 + random.nextInt(Math.max(1, 12_000 / Math.max(1, value.length()))));
            }
            query.append(query.length() == 0 ? "" : random.nextInt(10) == 0 ? ";" : "&")
                    .append(raw(name, random, false)).append('=').append(value);
        }
        return query.length() == 0 && random.nextBoolean() ? path : path + "?" + query;
    }

    private static String value(Random random) {
        return VALUES[random.nextInt(VALUES.length)];
    }

    /** Most values properly encoded, some sent as they are (raw specials and bad escapes included). */
    private static String raw(String value, Random random, boolean inPath) {
        String sendable = value.replace(" ", "%20").replace("#", "%23").replace("/", inPath ? "%2F" : "/");
        if (random.nextInt(3) == 0) {
            return sendable.replace("?", "%3F");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String body(Random random) {
        String[] bodies = { "", "{", "[]", "null", "{\"name\":\"fuzz\",\"scope\":\"superuser\"}", "{\"name\":\"\"}",
                "{\"name\":\"" + "n".repeat(5000) + "\",\"scope\":\"read\"}", "{\"scope\":\"read\"}", "\"text\"",
                "{\"name\":123,\"scope\":[]}", "not json at all", "{\"name\":\"fuzz\",\"scope\":\"read\",\"x\":1}" };
        return bodies[random.nextInt(bodies.length)];
    }
}
