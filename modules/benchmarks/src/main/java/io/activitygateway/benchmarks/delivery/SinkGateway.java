package io.activitygateway.benchmarks.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.activitygateway.testkit.PackagedGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The packaged gateway (testkit's {@link PackagedGateway}) on an H2 file, polling nothing, with its sinks' status
 * read over the API; it can be stopped cleanly or killed with SIGKILL.
 */
final class SinkGateway implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PackagedGateway gateway;

    private SinkGateway(PackagedGateway gateway) {
        this.gateway = gateway;
    }

    /** The JDBC URL of the store under {@code dir}, for the gateway and for a seeder while the gateway is down. */
    static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("gateway") + ";LOCK_TIMEOUT=10000";
    }

    static SinkGateway start(Path app, Path dir, Map<String, String> properties, String heap, Path log)
            throws InterruptedException {
        Map<String, String> props = new TreeMap<>();
        props.put("quarkus.datasource.db-kind", "h2");
        props.put("quarkus.datasource.jdbc.url", h2Url(dir));
        props.put("quarkus.datasource.username", "gateway");
        props.put("gateway.polling.auto-start", "false");
        props.putAll(properties);
        return new SinkGateway(PackagedGateway.start(app.resolve("quarkus-run.jar"), List.of("-Xmx" + heap), props,
                Path.of("").toAbsolutePath(), log, Duration.ofSeconds(180)));
    }

    /** {@code GET /api/v1/sinks/<name>}. */
    JsonNode sink(String name) throws IOException, InterruptedException {
        return JSON.readTree(gateway.get("/api/v1/sinks/" + name));
    }

    /** Waits until the sink's position reached {@code head}; returns the status then. */
    JsonNode awaitPosition(String name, long head, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode s = sink(name);
        while (s.path("position").asLong(-1) < head) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("sink " + name + " did not reach " + head + ": " + s + "; see "
                        + gateway.process().log());
            }
            Thread.sleep(100);
            s = sink(name);
        }
        return s;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or released. */
    void kill() throws InterruptedException {
        gateway.kill();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
