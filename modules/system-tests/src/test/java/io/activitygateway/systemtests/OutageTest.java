package io.activitygateway.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL refuses connections for a while (a proxy in front of it closes): readiness on the management port
 * reports it, {@code /api/v1/sources} keeps answering and shows the failures, nothing is lost, and the gateway
 * resumes by itself, the outage left in each connection's {@code lastError}.
 */
class OutageTest {

    @Test
    void aDatabaseOutageIsReportedLosesNothingAndEndsByItself() throws Exception {
        Sizes.assumeAsked();
        SystemDatabase db = SystemDatabase.create("outage");
        Path work = Path.of(System.getProperty("system.work"), "outage-" + System.currentTimeMillis());
        Files.createDirectories(work);
        URI pg = db.host();
        try (Sandbox sandbox = new Sandbox(work, 42, Sizes.rate(), 500);
                TcpProxy proxy = new TcpProxy(pg.getHost(), pg.getPort())) {
            List<String> properties = new ArrayList<>(sandbox.connectionProperties());
            List<String> database = db.gatewayProperties(proxy.port);
            properties.addAll(database);
            properties.addAll(SystemDatabase.forProcess(database));
            properties.addAll(List.of("-Dgateway.sources.kantata.poll-interval=2s",
                    "-Dgateway.sources.worksection.poll-interval=2s", "-Dgateway.sources.onehub.poll-interval=2s",
                    Sandbox.KANTATA_LOOKBACK));
            try (Gateway gateway = new Gateway(work, properties)) {
                gateway.start();
                Thread.sleep(5000);
                assertEquals(200, gateway.status(gateway.management("/q/health/ready")), "ready before");
                proxy.refuse();
                Instant outageEnds = Instant.now().plusSeconds(Sizes.outageSeconds());
                boolean reportedUnready = false;
                boolean sourcesAnswered = true;
                while (Instant.now().isBefore(outageEnds)) {
                    reportedUnready |= gateway.status(gateway.management("/q/health/ready")) == 503;
                    sourcesAnswered &= gateway.status(gateway.api("/api/v1/sources")) == 200;
                    Thread.sleep(1000);
                }
                JsonNode during = gateway.get("/api/v1/sources");
                proxy.accept();
                assertTrue(reportedUnready, "readiness reported the database away");
                assertTrue(sourcesAnswered, "/api/v1/sources answered throughout the outage");
                Instant readyBy = Instant.now().plusSeconds(120);
                while (gateway.status(gateway.management("/q/health/ready")) != 200 && Instant.now().isBefore(readyBy)) {
                    Thread.sleep(1000);
                }
                assertEquals(200, gateway.status(gateway.management("/q/health/ready")), "ready again by itself");
                sandbox.send("POST", "generator/stop");
                Comparison.Truth truth = Comparison.Truth.of(sandbox);
                Comparison result = CrashTest.settle(sandbox, gateway, truth, Duration.ofSeconds(300));
                JsonNode after = gateway.get("/api/v1/sources");
                String summary = String.format("[outage %d s] %s; during it sources showed %s failures in a row",
                        Sizes.outageSeconds(), result, failures(during));
                System.out.println(summary);
                Files.writeString(work.resolve("result.txt"), summary + "\n");
                assertTrue(result.exact(), summary);
                for (JsonNode source : after) {
                    assertNotNull(source.get("lastError"), source.get("name") + " keeps the outage's trace");
                    assertTrue(!source.get("lastError").isNull(), source.get("name") + ": " + source);
                }
                gateway.stop();
            }
        } finally {
            db.drop();
        }
    }

    private static List<Integer> failures(JsonNode sources) {
        List<Integer> n = new ArrayList<>();
        sources.forEach(s -> n.add(s.get("consecutiveFailures").asInt()));
        return n;
    }
}
