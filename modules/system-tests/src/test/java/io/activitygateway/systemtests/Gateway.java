package io.activitygateway.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged gateway ({@code modules/gateway/target/quarkus-app/quarkus-run.jar}) as a child process: open access,
 * its own free API and management ports, its own data directory, restartable on the same store.
 */
final class Gateway implements AutoCloseable {

    final int port = ChildProcess.freePort();
    final int managementPort = ChildProcess.freePort();
    private final Path work;
    private final List<String> properties;
    private ChildProcess process;
    private int starts;

    /** @param properties -D options: the connections, the database, anything else */
    Gateway(Path work, List<String> properties) {
        this.work = work;
        this.properties = properties;
    }

    void start() throws Exception {
        List<String> command = ChildProcess.java("-Xmx384m", "-XX:+UseSerialGC");
        command.add("-Dgateway.auth.mode=open");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.port=" + managementPort);
        command.add("-Dgateway.data-dir=" + work.resolve("data"));
        command.add("-Dgateway.polling.backoff-initial=1s");
        command.add("-Dgateway.polling.backoff-max=5s");
        command.add("-Dgateway.http.request-timeout=3s");
        command.add("-Dgateway.http.retry-initial-delay=100ms");
        command.add("-Dgateway.http.retry-max-delay=2s");
        command.addAll(properties);
        String app = properties.stream().filter(p -> p.startsWith("-Dsystem.app=")).findFirst()
                .map(p -> p.substring("-Dsystem.app=".length())).orElse(System.getProperty("gateway.app"));
        command.add("-jar");
        command.add(app);
        starts++;
        process = new ChildProcess(command, work, work.resolve("gateway-" + starts + ".log"));
        process.start();
        process.awaitOk(api("/api/v1/sources"), Duration.ofSeconds(180));
    }

    void kill() throws InterruptedException {
        process.kill();
    }

    int stop() throws InterruptedException {
        return process.stop();
    }

    ChildProcess process() {
        return process;
    }

    String api(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String management(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    int status(String url) throws Exception {
        return ChildProcess.HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = ChildProcess.HTTP.send(HttpRequest.newBuilder(URI.create(api(path)))
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
    public void close() throws InterruptedException {
        if (process != null) {
            process.close();
        }
    }
}
