package io.activitygateway.benchmarks.fanout;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged gateway ({@code quarkus-run.jar}) in a child process, with what a benchmark reads off it from outside:
 * its heap (the Prometheus endpoint on the management port), RSS and CPU time ({@code /proc}). Kept small and in this
 * package on purpose: a shared launcher for all benchmarks belongs in a common harness.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)");

    final int port;
    final int managementPort;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayProcess(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts {@code quarkus-run.jar} of {@code app} with the JVM options and system properties given; waits for it. */
    static GatewayProcess start(Path app, List<String> jvmOptions, Map<String, String> properties, Path log)
            throws IOException, InterruptedException {
        Path jar = app.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the gateway first (see docs/benchmarks.md)");
        }
        int port = freePort();
        int management = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.port=" + management);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GatewayProcess gateway = new GatewayProcess(process, port, management, log);
        gateway.awaitReady(Duration.ofSeconds(120));
        return gateway;
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/events?limit=1")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the gateway did not answer within " + timeout + "; see " + log);
    }

    long pid() {
        return process.pid();
    }

    /** Heap in use now, in bytes (all heap pools), or -1 if the metrics could not be read. */
    long heapUsed() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = HEAP.matcher(r.body());
            long sum = 0;
            boolean any = false;
            while (m.find()) {
                sum += (long) Double.parseDouble(m.group(1));
                any = true;
            }
            return any ? sum : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Resident set size now, in bytes. */
    long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    /** CPU time (user + system) used so far, in milliseconds. */
    long cpuMillis() {
        return ProcCpu.millis(pid());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
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
