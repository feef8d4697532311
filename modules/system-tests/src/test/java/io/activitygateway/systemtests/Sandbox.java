package io.activitygateway.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.activitygateway.testkit.ChildJvm;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The standalone sandbox ({@code modules/sandbox/target/sandbox.jar}) as a child process, and its control API. */
final class Sandbox implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> APIS = List.of("kantata", "worksection", "onehub");

    final int port = ChildJvm.freePort();
    private final ChildJvm process;

    Sandbox(Path work, int seed, int rate, int backfill) throws Exception {
        process = ChildJvm.start(Path.of(System.getProperty("sandbox.jar")), List.of("-Xmx512m"), Map.of(),
                List.of("--port=" + port, "--seed=" + seed, "--rate=0", "--backfill=0"), work,
                work.resolve("sandbox.log"));
        process.awaitAnswer(URI.create(control("status")), s -> s == 200, Duration.ofSeconds(120));
        // Kantata serves an event up to 10 min late by default; the tests' gateways re-read a lookback of 2 min
        // (KANTATA_LOOKBACK), which must cover the lateness (docs/operations.md), and the settle wait is bounded by
        // the last change's visible_at. So the lateness is set first, and only then are the backfill and the live
        // generator started (the command-line flags would make changes before it).
        send("POST", "settings/kantata?max_lateness=" + MAX_LATENESS);
        if (backfill > 0) {
            send("POST", "generate?count=" + backfill + "&span=PT12H");
        }
        if (rate > 0) {
            send("POST", "generator/start?rate=" + rate);
        }
    }

    static final Duration MAX_LATENESS = Duration.ofMinutes(1);
    static final Duration LOOKBACK = Duration.ofMinutes(2);
    static final String KANTATA_LOOKBACK = "-Dgateway.sources.kantata.lookback=" + LOOKBACK.toMinutes() + "m";

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String control(String path) {
        return base() + "/_sandbox/" + path;
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = ChildJvm.HTTP.send(HttpRequest.newBuilder(URI.create(control(path)))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    void send(String method, String path) throws Exception {
        HttpResponse<String> r = ChildJvm.HTTP.send(HttpRequest.newBuilder(URI.create(control(path)))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
    }

    /** Every change the sandbox emitted on {@code api}, in emission order. */
    List<JsonNode> truth(String api) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        get("truth?api=" + api).get("entries").forEach(all::add);
        return all;
    }

    /** The connection properties for the gateway: one connection per API, named as the API. */
    List<String> connectionProperties() {
        String b = base();
        return List.of(
                "-Dgateway.sources.kantata.kind=kantata",
                "-Dgateway.sources.kantata.base-url=" + b + "/kantata/api/v1",
                "-Dgateway.sources.kantata.token=kantata-admin-token",
                "-Dgateway.sources.worksection.kind=worksection",
                "-Dgateway.sources.worksection.base-url=" + b + "/worksection/api/admin/v2/",
                "-Dgateway.sources.worksection.api-key=worksection-api-key",
                "-Dgateway.sources.worksection.timezone=Europe/Kyiv",
                "-Dgateway.sources.onehub.kind=onehub",
                "-Dgateway.sources.onehub.base-url=" + b + "/onehub",
                "-Dgateway.sources.onehub.token=onehub-token-476",
                "-Dgateway.sources.onehub.timezone=America/Los_Angeles");
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
