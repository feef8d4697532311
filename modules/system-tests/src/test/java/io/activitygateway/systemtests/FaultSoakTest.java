package io.activitygateway.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.testkit.ChildJvm;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Random 429s (with and without Retry-After), 500/502/503, delays past the timeout, truncated bodies, non-JSON answers
 * and about 1 % malformed records on all three APIs; then the faults are cleared and the feeds settle. Every good
 * record is stored once, every malformed one is a record problem visible through the API, the status answered
 * throughout, and the heap stayed flat.
 */
class FaultSoakTest {

    private static final String FAULTS = "status:429,status:429:1,status:500,status:502,status:503,delay:4000,"
            + "truncated,not-json";

    @Test
    void underFaultsEveryGoodRecordIsStoredAndEveryBadOneShown() throws Exception {
        Sizes.assumeAsked();
        Path work = Path.of(System.getProperty("system.work"), "soak-" + System.currentTimeMillis());
        Files.createDirectories(work);
        try (Sandbox sandbox = new Sandbox(work, 42, Sizes.rate(), 500)) {
            List<String> properties = new ArrayList<>(sandbox.connectionProperties());
            properties.addAll(List.of("-Dgateway.sources.kantata.poll-interval=2s",
                    "-Dgateway.sources.worksection.poll-interval=2s", "-Dgateway.sources.onehub.poll-interval=2s",
                    "-Dgateway.http.circuit-breaker.delay=3s", Sandbox.KANTATA_LOOKBACK));
            try (Gateway gateway = new Gateway(work, properties)) {
                gateway.start();
                int i = 1;
                for (String api : Sandbox.APIS) {
                    sandbox.send("POST", "faults/" + api + "/random?seed=" + (i++) + "&probability=0.2&faults=" + FAULTS
                            + "&malformed_rate=0.01");
                }
                List<Long> heap = new ArrayList<>();
                Instant end = Instant.now().plusSeconds(Sizes.soakSeconds());
                boolean statusAnswered = true;
                while (Instant.now().isBefore(end)) {
                    statusAnswered &= gateway.status(gateway.api("/api/v1/sources")) == 200;
                    heap.add(heapUsed(gateway));
                    Thread.sleep(5000);
                }
                sandbox.send("DELETE", "faults");
                sandbox.send("POST", "generator/stop");
                Comparison.Truth truth = Comparison.Truth.of(sandbox);
                long malformed = truth.malformed();
                Comparison result = CrashTest.settle(sandbox, gateway, truth, Duration.ofSeconds(300));
                long problems = 0;
                StringBuilder shown = new StringBuilder();
                for (JsonNode source : gateway.get("/api/v1/sources")) {
                    problems += source.get("recordProblems").asLong();
                    shown.append(gateway.get("/api/v1/sources/" + source.get("name").asText()
                            + "/record-problems?limit=1000")).append('\n');
                }
                Files.writeString(work.resolve("record-problems.json"), shown);
                int third = Math.max(1, heap.size() / 3);
                long early = heap.subList(0, third).stream().mapToLong(Long::longValue).max().orElse(0);
                long late = heap.subList(heap.size() - third, heap.size()).stream().mapToLong(Long::longValue).max()
                        .orElse(0);
                String summary = String.format("[soak %d s] %s; %d malformed emitted, %d record problems shown;"
                        + " heap max first third %d MiB, last third %d MiB", Sizes.soakSeconds(), result, malformed,
                        problems, early >> 20, late >> 20);
                System.out.println(summary);
                Files.writeString(work.resolve("result.txt"), summary + "\n");
                assertTrue(statusAnswered, "the status answered throughout");
                assertTrue(result.exact(), summary);
                assertEquals(malformed, problems, "every malformed record is visible: " + summary);
                assertTrue(late <= early * 2 + (64L << 20), "the heap stays flat: " + summary);
                gateway.stop();
            }
        }
    }

    private static long heapUsed(Gateway gateway) throws Exception {
        HttpResponse<String> r = ChildJvm.HTTP.send(HttpRequest.newBuilder(URI.create(
                gateway.management("/q/metrics"))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        long used = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used;
    }
}
