package io.activitygateway.benchmarks.common;

import io.activitygateway.testkit.PackagedGateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The packaged gateway ({@code modules/gateway/target/quarkus-app}) run as a child process (testkit's
 * {@link PackagedGateway}), with what a benchmark reads off it from outside: CPU and RSS from {@code /proc}, and the
 * peak heap, sampled once a second from its own metrics endpoint. Its output goes to a log file next to the results.
 */
public final class GatewayProcess implements AutoCloseable {

    private final PackagedGateway gateway;
    private volatile long peakHeapBytes = -1;
    private final Thread sampler;

    private GatewayProcess(PackagedGateway gateway) {
        this.gateway = gateway;
        this.sampler = new Thread(this::sampleHeap, "gateway-heap-sampler");
        this.sampler.setDaemon(true);
    }

    /**
     * Starts the gateway in {@code app} with {@code config} as system properties and waits until it is ready.
     *
     * @param jvmOptions e.g. {@code -Xmx1g} or a JFR recording
     */
    public static GatewayProcess start(Path app, Map<String, String> config, List<String> jvmOptions, Path log,
            Duration timeout) throws InterruptedException {
        Map<String, String> props = new TreeMap<>();
        // a loaded machine may take seconds to hand out the first connection; that is no failure
        props.put("quarkus.datasource.jdbc.acquisition-timeout", "60s");
        props.put("quarkus.log.category.\"io.activitygateway\".level", "WARN");
        props.putAll(config);
        GatewayProcess g = new GatewayProcess(PackagedGateway.start(app.resolve("quarkus-run.jar"), jvmOptions, props,
                Path.of("").toAbsolutePath(), log, timeout));
        g.sampler.start();
        return g;
    }

    public long pid() {
        return gateway.process().pid();
    }

    public int port() {
        return gateway.port();
    }

    public URI api(String pathAndQuery) {
        return gateway.api(pathAndQuery);
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
    public String get(String pathAndQuery) throws InterruptedException {
        return gateway.get(pathAndQuery);
    }

    private void sampleHeap() {
        while (gateway.process().alive()) {
            sampleHeapOnce();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleHeapOnce() {
        long heap = gateway.heapUsed();
        if (heap > peakHeapBytes) {
            peakHeapBytes = heap;
        }
    }

    /** Stops it as a deployment would (SIGTERM), then waits for it. */
    @Override
    public void close() {
        gateway.close();
    }
}
