package io.activitygateway.scale;

import io.activitygateway.testkit.PackagedGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One packaged gateway (testkit's {@link PackagedGateway}) named by its lease instance id; its log is its name. */
final class GatewayProcess {

    final String instance;
    private final PackagedGateway gateway;

    private GatewayProcess(String instance, PackagedGateway gateway) {
        this.instance = instance;
        this.gateway = gateway;
    }

    /** Starts it and returns at once, so that several start side by side; {@link #port} waits for it. */
    static GatewayProcess start(String instance, Path jar, Path logs, Map<String, String> config) throws IOException {
        Map<String, String> props = new TreeMap<>(config);
        props.put("gateway.leases.instance-id", instance);
        return new GatewayProcess(instance, PackagedGateway.launch(jar, List.of("-Xmx192m", "-XX:TieredStopAtLevel=1"),
                props, Files.createTempDirectory("gateway-" + instance), logs.resolve(instance + ".log")));
    }

    /** Waits until it is up; its API port. */
    int port(Duration timeout) throws InterruptedException {
        return gateway.awaitUp(timeout).port();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    boolean alive() {
        return gateway.process().alive();
    }

    /** SIGKILL: no shutdown hook runs, its leases are left to expire. */
    void kill() throws InterruptedException {
        gateway.kill();
    }

    void stop() throws InterruptedException {
        gateway.stop();
    }
}
