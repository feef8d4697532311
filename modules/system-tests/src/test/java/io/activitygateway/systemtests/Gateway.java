package io.activitygateway.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.testkit.ChildJvm;
import io.activitygateway.testkit.PackagedGateway;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The packaged gateway ({@code modules/gateway/target/quarkus-app/quarkus-run.jar}) as a child process (testkit's
 * {@link PackagedGateway}): open access, its own API and management ports kept over restarts, its own data
 * directory, restartable on the same store, and short retry and back-off times so that faults pass quickly.
 */
final class Gateway implements AutoCloseable {

    final int port = ChildJvm.freePort();
    final int managementPort = ChildJvm.freePort();
    private final Path work;
    private final List<String> properties;
    private PackagedGateway process;
    private int starts;

    /** @param properties -D options: the connections, the database, anything else */
    Gateway(Path work, List<String> properties) {
        this.work = work;
        this.properties = properties;
    }

    void start() throws Exception {
        String app = System.getProperty("gateway.app");
        Map<String, String> props = new TreeMap<>();
        // The same ports at every restart: the feed client reconnects to where it was.
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.management.port", Integer.toString(managementPort));
        props.put("gateway.data-dir", work.resolve("data").toString());
        props.put("gateway.polling.backoff-initial", "1s");
        props.put("gateway.polling.backoff-max", "5s");
        props.put("gateway.http.request-timeout", "3s");
        props.put("gateway.http.retry-initial-delay", "100ms");
        props.put("gateway.http.retry-max-delay", "2s");
        List<String> options = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC"));
        for (String p : properties) {
            int eq = p.indexOf('=');
            if (p.startsWith("-Dsystem.app=")) {
                app = p.substring(eq + 1);
            } else if (p.startsWith("-D") && eq > 0) {
                props.put(p.substring(2, eq), p.substring(eq + 1)); // the test's own settings win
            } else {
                options.add(p);
            }
        }
        starts++;
        process = PackagedGateway.launch(Path.of(app), options, props, work,
                work.resolve("gateway-" + starts + ".log"));
        process.process().awaitAnswer(URI.create(api("/api/v1/sources")), s -> s == 200, Duration.ofSeconds(180));
    }

    void kill() throws InterruptedException {
        process.kill();
    }

    int stop() throws InterruptedException {
        return process.stop();
    }

    ChildJvm process() {
        return process.process();
    }

    String api(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String management(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    int status(String url) throws Exception {
        return ChildJvm.HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = ChildJvm.HTTP.send(HttpRequest.newBuilder(URI.create(api(path)))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return Sandbox.JSON.readTree(r.body());
    }

    /** Every stored event, oldest first, paging with the cursor. */
    List<JsonNode> events() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/events?order=occurred_asc&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            page.get("items").forEach(all::add);
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
