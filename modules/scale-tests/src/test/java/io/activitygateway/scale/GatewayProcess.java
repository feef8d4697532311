package io.activitygateway.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One packaged gateway (quarkus-run.jar) in a process of its own; its output goes to a log file. */
final class GatewayProcess {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");

    final String instance;
    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private GatewayProcess(String instance, Process process) {
        this.instance = instance;
        this.process = process;
    }

    static GatewayProcess start(String instance, Path jar, Path logs, Map<String, String> config) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx192m", "-XX:TieredStopAtLevel=1"));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dgateway.leases.instance-id=" + instance);
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(logs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(Files.createTempDirectory("gateway-" + instance).toFile()).start();
        GatewayProcess gateway = new GatewayProcess(instance, process);
        Thread reader = new Thread(() -> gateway.pump(logs.resolve(instance + ".log")), "log-" + instance);
        reader.setDaemon(true);
        reader.start();
        return gateway;
    }

    private void pump(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                out.flush();
                Matcher m = LISTENING.matcher(line);
                if (!port.isDone() && m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process died; its log ends here
        } finally {
            port.completeExceptionally(new IllegalStateException(instance + " exited before it listened"));
        }
    }

    /** Waits until it listens; its port. */
    int port(Duration timeout) throws Exception {
        return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port.join();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, its leases are left to expire. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
