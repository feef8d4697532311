package io.activitygateway.benchmarks.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The smoke size of the fan-out benchmark against the packaged gateway (H2): the harness opens its streams, commits,
 * and every subscriber gets every event once and in order. No timing is asserted.
 */
class FanOutBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = { "http1", "h2c" })
    void everySubscriberGetsEveryEventOnceInOrder(String protocol) throws Exception {
        FanOutBenchmark.Plan plan = new FanOutBenchmark.Plan(Path.of("../gateway/target/quarkus-app"), null, null,
                200, protocol, 50, 20, 3, "512m", 1, Path.of("target/fan-out"));
        FanOutBenchmark.Result r = FanOutBenchmark.run(plan);
        assertEquals(60, r.events(), "20 events/s for 3 s");
        assertEquals(protocol.equals("h2c") ? "h2c" : "http/1.1", r.protocol());
        assertEquals(0, r.failures(), "no stream failed: " + r.firstFailure());
        assertEquals(0, r.gaps(), "no subscriber missed an event");
        assertEquals(0, r.repeats(), "no subscriber got an event twice or out of order");
        assertEquals(0, r.incomplete(), "every subscriber got through the last event");
        assertEquals(r.expected(), r.delivered());
        assertTrue(r.exact());
        assertTrue(r.heapPeak() > 0 && r.rssPeak() > 0, "the gateway's heap and RSS were read");
        assertTrue(FanOutBenchmark.table(List.of(r), "").contains("| 200 ("), "the table has the run");
    }
}
