package io.activitygateway.benchmarks.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.benchmarks.common.Args;
import io.activitygateway.benchmarks.common.Database;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The smoke size of the ingest benchmark on the packaged gateway (H2, as the reactor builds it): every generated
 * change is stored once, the floors insert exactly the stored rows, and the figures are there. No timing.
 */
class IngestBenchmarkTest {

    @Test
    void theGatewayStoresTheWholeBackfillAndTheFloorsInsertTheSameRows() throws Exception {
        Path work = Path.of("target/ingest-smoke");
        Database db = Database.of(new Args(new String[] {"--db=h2"}), work);
        IngestBenchmark.Result r = IngestBenchmark.run(db, Path.of("../gateway/target/quarkus-app"), 1_500,
                List.of("-Xmx256m"), work.resolve("gateway.log"));
        for (IngestBenchmark.Kind kind : r.kinds()) {
            assertEquals(kind.truth(), kind.stored(), kind.kind() + ": every generated change stored once");
        }
        assertTrue(r.total().stored() >= 1_400, "the backfill spans all three kinds: " + r.kinds());
        assertEquals(r.total().stored(), r.floor("JDBC batch").rows(), "the floor inserts the rows the gateway stored");
        assertTrue(r.gatewayCpuMillis() > 0 && r.peakRssBytes() > 0, "CPU and memory are read from /proc");
        assertTrue(IngestBenchmark.table(List.of(r), null).contains("events/s, total"));
    }
}
