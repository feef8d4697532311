package io.activitygateway.benchmarks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.sandbox.webhook.WebhookReceiver;
import io.activitygateway.testkit.KafkaNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gateway killed with SIGKILL while both of its sinks deliver, then started again: every stored event
 * reaches each sink at least once, in seq order per channel (Kafka partition: so per key; the webhook endpoint), and
 * what arrives twice carries the same id and is only the tail that was in flight at the kill.
 */
class SinkCrashTest {

    private static final Path APP = Path.of("../gateway/target/quarkus-app");
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final int EVENTS = 8_000;
    private static final int OBJECTS = 50;

    @TempDir
    Path dir;

    @Test
    void aKillDuringDeliveryLosesNothingAndResendsOnlyTheTail() throws Exception {
        try (KafkaNode kafka = KafkaNode.start(dir.resolve("kafka"), 3);
                WebhookReceiver receiver = WebhookReceiver.start(0, SECRET, Clock.systemUTC())) {
            Path db = dir.resolve("db");
            Path log = dir.resolve("gateway.log");
            try (SinkGateway migrated = SinkGateway.start(APP, db, Map.of(), "512m", log)) {
                // It answers once Flyway migrated the store.
            }
            long head = StoreSeeder.seed(SinkGateway.h2Url(db), "gateway", EVENTS, OBJECTS);
            assertEquals(EVENTS, head);
            // Both sinks slowed enough that the kill finds them mid-way: small Kafka batches, few in flight; the
            // receiver takes 15 ms per message of 20 events.
            receiver.delay(Duration.ofMillis(15));
            Map<String, String> sinks = new HashMap<>();
            sinks.put("gateway.sinks.kafka-out.kind", "kafka");
            sinks.put("gateway.sinks.kafka-out.bootstrap-servers", kafka.bootstrapServers());
            sinks.put("gateway.sinks.kafka-out.topic", "crash");
            sinks.put("gateway.sinks.kafka-out.start", "earliest");
            sinks.put("gateway.sinks.kafka-out.batch-size", "10");
            // Two in flight: still pipelined (the position moves past an acknowledged prefix only), slow enough
            // for the kill to come before the head.
            sinks.put("gateway.sinks.kafka-out.batches-in-flight", "2");
            sinks.put("gateway.sinks.hook-out.kind", "webhook");
            sinks.put("gateway.sinks.hook-out.url", receiver.url("crash"));
            sinks.put("gateway.sinks.hook-out.secret", SECRET);
            sinks.put("gateway.sinks.hook-out.start", "earliest");
            sinks.put("gateway.sinks.hook-out.batch-size", "20");

            SinkGateway first = SinkGateway.start(APP, db, sinks, "512m", log);
            long kafkaAtKill;
            long hookAtKill;
            try {
                // The webhook is quick once Kafka's first metadata round is done, and Kafka may be slow to start:
                // once the webhook is past 500 it is held (a long delay per message) until Kafka is too.
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                awaitPast(first, "hook-out", 500, deadline, log);
                receiver.delay(Duration.ofSeconds(2));
                awaitPast(first, "kafka-out", 500, deadline, log);
                kafkaAtKill = first.sink("kafka-out").path("position").asLong();
                hookAtKill = first.sink("hook-out").path("position").asLong();
                first.kill();
            } finally {
                first.close();
            }
            assertTrue(kafkaAtKill < head && hookAtKill < head, "the kill came during delivery: kafka at "
                    + kafkaAtKill + ", webhook at " + hookAtKill + " of " + head);

            receiver.delay(Duration.ofMillis(15));
            try (SinkGateway second = SinkGateway.start(APP, db, sinks, "512m", log)) {
                second.awaitPosition("kafka-out", head, Duration.ofMinutes(5));
                second.awaitPosition("hook-out", head, Duration.ofMinutes(5));
            }

            // Kafka: per partition, in offset order.
            Map<Integer, List<Long>> byPartition = new TreeMap<>();
            Set<Long> kafkaSeqs = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : consume(kafka, "crash", EVENTS)) {
                long seq = Long.parseLong(header(r, "ce_sequence"));
                assertEquals(StoreSeeder.id(seq), header(r, "ce_id"), "a resent record carries the same id");
                assertEquals("kantata:story:" + StoreSeeder.objectId(seq, OBJECTS),
                        new String(r.key(), StandardCharsets.UTF_8));
                byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(seq);
                kafkaSeqs.add(seq);
            }
            assertEquals(EVENTS, kafkaSeqs.size(), "every stored event reached Kafka");
            for (Map.Entry<Integer, List<Long>> p : byPartition.entrySet()) {
                assertNull(DeliveryOrder.problem(p.getValue(), 1), "partition " + p.getKey());
            }

            // Webhook: one endpoint, messages in the order sent.
            assertEquals(0, receiver.rejected(), receiver.lastRejection());
            List<Long> hookSeqs = new ArrayList<>();
            for (WebhookReceiver.ReceivedEvent e : receiver.events()) {
                assertEquals(StoreSeeder.id(e.sequence()), e.id());
                hookSeqs.add(e.sequence());
            }
            assertEquals(EVENTS, new HashSet<>(hookSeqs).size(), "every stored event reached the webhook");
            assertNull(DeliveryOrder.problem(hookSeqs, 1));
            System.out.printf("crash test: kill at kafka %d, webhook %d of %d; Kafka records %d (%d resent),"
                    + " webhook events %d (%d resent)%n", kafkaAtKill, hookAtKill, head,
                    byPartition.values().stream().mapToInt(List::size).sum(),
                    byPartition.values().stream().mapToInt(List::size).sum() - EVENTS, hookSeqs.size(),
                    hookSeqs.size() - EVENTS);
        }
    }

    private static void awaitPast(SinkGateway g, String sink, long position, long deadline, Path log)
            throws Exception {
        while (g.sink(sink).path("position").asLong(0) < position) {
            assertTrue(System.nanoTime() < deadline, sink + " did not start delivering; see " + log);
            Thread.sleep(50);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(KafkaNode kafka, String topic, int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < Duration.ofSeconds(out.size() >= atLeast ? 3 : 60).toNanos()) {
                int n = 0;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(r);
                    n++;
                }
                if (n > 0) {
                    idleSince = System.nanoTime();
                }
            }
        }
        return out;
    }
}
