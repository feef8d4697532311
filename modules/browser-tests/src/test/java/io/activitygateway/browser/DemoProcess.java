package io.activitygateway.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged gateway with the demo switch, as the README starts it, in a child JVM on free ports. Its output goes
 * to {@code target/<name>.log}; the page's URL and the sandbox's control URL are read from it.
 */
final class DemoProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: (http://[0-9.]+:\\d+)");
    private static final Pattern SANDBOX = Pattern.compile("The sandbox\\s+(http://\\S+/_sandbox/)");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final CompletableFuture<String> baseUrl = new CompletableFuture<>();
    private final CompletableFuture<String> sandboxUrl = new CompletableFuture<>();
    private final HttpClient http = HttpClient.newHttpClient();

    DemoProcess(String name, List<String> properties) throws IOException {
        Path app = Path.of(System.getProperty("gateway.app", "../gateway/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: package the gateway first"
                    + " (./mvnw -pl modules/browser-tests -am verify builds it)");
        }
        Path dir = Files.createDirectories(Path.of("target", name));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-Dgateway.demo.enabled=true", "-Dquarkus.http.port=0",
                "-Dquarkus.management.port=0"));
        command.addAll(properties);
        command.addAll(List.of("-jar", app.toAbsolutePath().toString()));
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(Path.of("target", name + ".log")), true);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    log.println(line);
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        baseUrl.complete(listening.group(1));
                    }
                    Matcher sandbox = SANDBOX.matcher(line);
                    if (sandbox.find()) {
                        sandboxUrl.complete(sandbox.group(1));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            } finally {
                log.close();
                baseUrl.completeExceptionally(new IllegalStateException("the gateway exited; see target/" + name
                        + ".log"));
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code http://127.0.0.1:PORT}, once the gateway is up. */
    String baseUrl() throws Exception {
        return baseUrl.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** {@code http://127.0.0.1:PORT/_sandbox/}: the demo's sandbox control API. */
    String sandboxUrl() throws Exception {
        return sandboxUrl.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A request to the sandbox's control API, e.g. {@code ("POST", "faults/worksection?fault=status:503")}. */
    int sandbox(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandboxUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
