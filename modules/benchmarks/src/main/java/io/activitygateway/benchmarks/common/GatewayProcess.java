package io.activitygateway.benchmarks.common;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged gateway ({@code modules/gateway/target/quarkus-app}) run as a child process, as it runs for real, on
 * free loopback ports, with no access control (the benchmarks measure storage, not keys). Its output goes to a log
 * file next to the results. While it runs, a sampler reads its heap use from its own metrics endpoint once a second.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;
    private volatile long peakHeapBytes = -1;
    private final Thread sampler;

    private GatewayProcess(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.sampler = new Thread(this::sampleHeap, "gateway-heap-sampler");
        this.sampler.setDaemon(true);
    }

    /**
     * Starts the gateway in {@code app} with {@code config} as system properties and waits until it is ready.
     *
     * @param jvmOptions e.g. {@code -Xmx1g} or a JFR recording
     */
    public static GatewayProcess start(Path app, Map<String, String> config, List<String> jvmOptions, Path log,
            Duration timeout) {
        Path jar = app.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: package the gateway first (docs/benchmarks.md)");
        }
        int port = freePort();
        int management = freePort();
        Map<String, String> props = new TreeMap<>();
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.management.port", Integer.toString(management));
        props.put("gateway.auth.mode", "open");
        props.put("quarkus.log.category.\"io.activitygateway\".level", "WARN");
        props.putAll(config);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            GatewayProcess gateway = new GatewayProcess(process, port, management, log);
            gateway.awaitReady(timeout);
            gateway.sampler.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public URI api(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    public long cpuMillis() {
        return ProcStat.cpuMillis(pid());
    }

    public long peakRssBytes() {
        return ProcStat.peakRssBytes(pid());
    }

    /** The most heap in use seen by the once-a-second sampler (-1 if it never got an answer). */
    public long peakHeapBytes() {
        sampleHeapOnce();
        return peakHeapBytes;
    }

    /** GET, answering the body; fails on anything but 200. */
    public String get(String pathAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api(pathAndQuery))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + process.exitValue() + " at start-up; see "
                        + log + ":\n" + tail());
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 || r.statusCode() == 503) {
                    return; // up; 503 only says a source has not answered yet
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("the gateway was not ready within " + timeout + "; see " + log);
    }

    private void sampleHeap() {
        while (process.isAlive()) {
            sampleHeapOnce();
            sleep(1000);
        }
    }

    private void sampleHeapOnce() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            long heap = 0;
            boolean seen = false;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    seen = true;
                }
            }
            if (seen && heap > peakHeapBytes) {
                peakHeapBytes = heap;
            }
        } catch (IOException | RuntimeException e) {
            // a missed sample; the next one counts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops it as a deployment would (SIGTERM), then waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
