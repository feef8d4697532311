package io.activitygateway.benchmarks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The smoke size of the Kafka delivery benchmark: the harness runs and every event arrives. No timing is asserted. */
class KafkaDeliveryBenchmarkTest {

    @Test
    void everyEventIsDeliveredAndBothRatesAreMeasured() throws Exception {
        KafkaDeliveryBenchmark.Plan plan = new KafkaDeliveryBenchmark.Plan(Path.of("../gateway/target/quarkus-app"),
                20_000, 5000, "512m", Path.of("target/kafka-delivery"));
        KafkaDeliveryBenchmark.Result r = KafkaDeliveryBenchmark.run(plan);
        System.out.println(KafkaDeliveryBenchmark.table(r, plan));
        assertEquals(20_000, r.events());
        assertEquals(20_000, r.distinctIds(), "every stored event reached the topic");
        assertTrue(r.recordsRead() >= 20_000);
        assertTrue(r.sinkPerSecond() > 0 && r.producerPerSecond() > 0);
        assertTrue(KafkaDeliveryBenchmark.table(r, plan).contains("| 20000 |"));
    }
}
