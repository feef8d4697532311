package io.activitygateway.benchmarks.economy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.sandbox.Api;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The smoke size of the economy benchmark: the harness works and its counts match the ground truth. No timing. */
class UpstreamEconomyBenchmarkTest {

    @Test
    void everyKindStoresExactlyItsGroundTruthAndTheCountsAddUp() {
        for (Api api : Api.values()) {
            UpstreamEconomyBenchmark.Result r = UpstreamEconomyBenchmark.measure(api, 5, Duration.ofMinutes(3),
                    Duration.ofMinutes(30));
            assertEquals(r.truth(), r.stored(), api + ": every change stored once");
            assertTrue(r.recordsServed() >= r.upstreamRecords(), api + ": every record was fetched at least once");
            assertEquals(60, r.idlePolls());
            assertTrue(r.idleRequests() >= r.idlePolls(), api + ": requests are counted");
            assertTrue(UpstreamEconomyBenchmark.table(java.util.List.of(r), false).contains("| " + api.id() + " | 5 |"));
        }
    }
}
