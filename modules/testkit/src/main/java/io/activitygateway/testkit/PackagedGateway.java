package io.activitygateway.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The packaged gateway ({@code modules/gateway/target/quarkus-app/quarkus-run.jar}, or the PostgreSQL build in
 * {@code target/pg-app}) in a child JVM, as the system tests, the scale-out test and the benchmarks run it: open
 * access, its API and management ports free loopback ports unless the properties name them.
 */
public final class PackagedGateway implements AutoCloseable {

    private final ChildJvm process;
    private final int port;
    private final int managementPort;

    private PackagedGateway(ChildJvm process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts it and returns at once; {@link #awaitUp} waits for it. */
    public static PackagedGateway launch(Path jar, List<String> jvmOptions, Map<String, String> properties,
            Path workDir, Path log) {
        Map<String, String> all = new TreeMap<>();
        all.put("gateway.auth.mode", "open");
        all.putAll(properties);
        all.computeIfAbsent("quarkus.http.port", k -> Integer.toString(ChildJvm.freePort()));
        all.computeIfAbsent("quarkus.management.port", k -> Integer.toString(ChildJvm.freePort()));
        ChildJvm process = ChildJvm.start(jar, jvmOptions, all, List.of(), workDir, log);
        return new PackagedGateway(process, Integer.parseInt(all.get("quarkus.http.port")),
                Integer.parseInt(all.get("quarkus.management.port")));
    }

    /** Starts it and waits until it is up. */
    public static PackagedGateway start(Path jar, List<String> jvmOptions, Map<String, String> properties,
            Path workDir, Path log, Duration timeout) throws InterruptedException {
        PackagedGateway gateway = launch(jar, jvmOptions, properties, workDir, log);
        try {
            gateway.awaitUp(timeout);
        } catch (RuntimeException | InterruptedException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /**
     * Waits until its readiness check answers at all: 200, or 503 while a source or the database has not answered
     * yet. Either means start-up (configuration check, migration) is over and the API is listening.
     */
    public PackagedGateway awaitUp(Duration timeout) throws InterruptedException {
        process.awaitAnswer(management("/q/health/ready"), s -> s == 200 || s == 503, timeout);
        return this;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public URI api(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    public URI management(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + managementPort + pathAndQuery);
    }

    /** {@code GET} on the API, answering the body; fails on anything but 200. */
    public String get(String pathAndQuery) throws InterruptedException {
        try {
            HttpResponse<String> r = ChildJvm.HTTP.send(HttpRequest.newBuilder(api(pathAndQuery))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + pathAndQuery + " answered " + r.statusCode() + ": "
                        + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + "; see " + process.log(), e);
        }
    }

    /** Heap in use now in bytes (all heap pools, from its Prometheus endpoint), or -1 if it could not be read. */
    public long heapUsed() {
        try {
            HttpResponse<String> r = ChildJvm.HTTP.send(HttpRequest.newBuilder(management("/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            long heap = 0;
            boolean seen = false;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    seen = true;
                }
            }
            return seen ? heap : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The child process: its pid, log, SIGKILL and SIGTERM. */
    public ChildJvm process() {
        return process;
    }

    public void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM; @return the exit code */
    public int stop() throws InterruptedException {
        return process.stop();
    }

    @Override
    public void close() {
        process.close();
    }
}
