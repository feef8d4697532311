package io.activitygateway.benchmarks.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged gateway ({@code quarkus-run.jar}) as a child process on an H2 file, with its sinks' status read over
 * the API; it can be stopped cleanly or killed with SIGKILL.
 */
final class SinkGateway implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SinkGateway(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The JDBC URL of the store under {@code dir}, for the gateway and for a seeder while the gateway is down. */
    static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("gateway") + ";LOCK_TIMEOUT=10000";
    }

    static SinkGateway start(Path app, Path dir, Map<String, String> properties, String heap, Path log)
            throws IOException, InterruptedException {
        Path jar = app.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the gateway first (see docs/benchmarks.md)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.port=" + freePort());
        command.add("-Dquarkus.datasource.db-kind=h2");
        command.add("-Dquarkus.datasource.jdbc.url=" + h2Url(dir));
        command.add("-Dquarkus.datasource.username=gateway");
        command.add("-Dgateway.auth.mode=open");
        command.add("-Dgateway.polling.auto-start=false");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        SinkGateway gateway = new SinkGateway(process, port, log);
        gateway.awaitReady(Duration.ofSeconds(180));
        return gateway;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (get("/api/v1/sinks").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the gateway did not answer within " + timeout + "; see " + log);
    }

    /** {@code GET /api/v1/sinks/<name>}. */
    JsonNode sink(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v1/sinks/" + name);
        if (r.statusCode() != 200) {
            throw new IOException("GET /api/v1/sinks/" + name + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Waits until the sink's position reached {@code head}; returns the status then. */
    JsonNode awaitPosition(String name, long head, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode s = sink(name);
        while (s.path("position").asLong(-1) < head) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("sink " + name + " did not reach " + head + ": " + s + "; see " + log);
            }
            Thread.sleep(100);
            s = sink(name);
        }
        return s;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or released. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
