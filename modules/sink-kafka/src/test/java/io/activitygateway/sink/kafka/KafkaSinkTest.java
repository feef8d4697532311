package io.activitygateway.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.activitygateway.sink.Delivery;
import io.activitygateway.sink.OutboundEvent;
import io.activitygateway.sink.PendingDelivery;
import io.activitygateway.sink.Sink;
import io.activitygateway.sink.SinkSettings;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.testkit.KafkaNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka sink against a real single-node broker started from the kafka_2.13 artifact. */
class KafkaSinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static KafkaNode kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaNode.start(dir.resolve("kafka"));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void binaryModePutsAttributesInCeHeadersAndKeysByObject() throws Exception {
        String topic = "binary-" + UUID.randomUUID();
        List<OutboundEvent> events = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            events.add(event(i, "task-" + (i % 4)));
        }
        try (Sink sink = sink(Map.of("topic", topic))) {
            Delivery d = sink.deliver(events);
            assertEquals(30, d.acknowledged(), d.failure().map(Delivery.Failure::message).orElse(""));
            assertTrue(d.failure().isEmpty());
        }
        List<ConsumerRecord<byte[], byte[]>> records = consume(topic, 30);
        assertEquals(30, records.size());
        Map<String, List<Long>> seqsByKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            assertEquals("1.0", header(r, "ce_specversion"));
            assertEquals("application/json", header(r, "content-type"));
            String id = header(r, "ce_id");
            long seq = Long.parseLong(header(r, "ce_sequence"));
            assertEquals("ev-" + seq, id);
            assertEquals("urn:activity-gateway:kantata:acme", header(r, "ce_source"));
            assertEquals("io.activitygateway.kantata.task.updated", header(r, "ce_type"));
            JsonNode data = JSON.readTree(r.value());
            assertEquals(id, data.get("id").asText());
            assertEquals("kantata:task:" + data.get("objectId").asText(), key);
            assertEquals(key, "kantata:task:" + header(r, "ce_subject").substring("task/".length()));
            seqsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(seq);
        }
        assertEquals(4, seqsByKey.size());
        // One object's events are on one partition, in the order sent.
        seqsByKey.values().forEach(seqs -> assertEquals(seqs.stream().sorted().toList(), seqs));
    }

    @Test
    void structuredModeWritesTheWholeCloudEventAsValue() throws Exception {
        String topic = "structured-" + UUID.randomUUID();
        try (Sink sink = sink(Map.of("topic", topic, "content-mode", "structured", "key", "event"))) {
            assertEquals(3, sink.deliver(List.of(event(7, "a"), event(8, "b"), event(9, "c"))).acknowledged());
        }
        List<ConsumerRecord<byte[], byte[]>> records = consume(topic, 3);
        assertEquals(3, records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            assertTrue(header(r, "content-type").startsWith("application/cloudevents+json"));
            assertNull(r.headers().lastHeader("ce_id"));
            JsonNode ce = JSON.readTree(r.value());
            assertEquals("1.0", ce.get("specversion").asText());
            assertEquals(new String(r.key(), StandardCharsets.UTF_8), ce.get("id").asText());
            assertEquals(ce.get("id").asText(), ce.get("data").get("id").asText());
        }
    }

    @Test
    void aTopicPatternGivesEachSourceItsTopic() throws Exception {
        String prefix = "p" + UUID.randomUUID().toString().substring(0, 8);
        try (Sink sink = sink(Map.of("topic-pattern", prefix + ".{source}.{connection}"))) {
            OutboundEvent other = new OutboundEvent(2, "ev-2", "onehub", "files", "file", "f1",
                    "urn:activity-gateway:onehub:files", "io.activitygateway.onehub.file.created", "file/f1",
                    Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:00:01Z"),
                    "{\"id\":\"ev-2\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(2, sink.deliver(List.of(event(1, "t"), other)).acknowledged());
        }
        assertEquals(1, consume(prefix + ".kantata.acme", 1).size());
        assertEquals(1, consume(prefix + ".onehub.files", 1).size());
    }

    @Test
    void anUnreachableBrokerAcknowledgesNothingAndSaysWhy() throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("topic", "nowhere", "delivery-timeout", "2s"));
        options.put("bootstrap-servers", "127.0.0.1:1");
        options.put("producer.reconnect.backoff.max.ms", "200");
        try (Sink sink = new KafkaKind().create(new SinkSettings("down", "kafka", options, Clock.systemUTC()))) {
            Delivery d = sink.deliver(List.of(event(1, "a"), event(2, "b")));
            assertEquals(0, d.acknowledged());
            assertTrue(d.failure().isPresent());
            // An outage may pass: not refused, so the gateway keeps retrying (max-attempts=0) instead of parking.
            assertFalse(d.failure().get().refused(), d.failure().get().message());
        }
    }

    @Test
    void batchesSentBeforeTheirAnswersAreAwaitedArriveInOrder() throws Exception {
        String topic = "pipelined-" + UUID.randomUUID();
        List<PendingDelivery> pending = new ArrayList<>();
        try (Sink sink = sink(Map.of("topic", topic, "batch-size", "10", "batches-in-flight", "4"))) {
            assertEquals(4, sink.batchesInFlight());
            for (int b = 0; b < 4; b++) {
                List<OutboundEvent> batch = new ArrayList<>();
                for (int i = 1; i <= 10; i++) {
                    batch.add(event(b * 10L + i, "one-object"));
                }
                pending.add(sink.send(batch));
            }
            for (PendingDelivery p : pending) {
                Delivery d = p.await();
                assertEquals(10, d.acknowledged(), d.failure().map(Delivery.Failure::message).orElse(""));
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = consume(topic, 40);
        List<Long> seqs = records.stream().map(r -> Long.parseLong(header(r, "ce_sequence"))).toList();
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList(), seqs);
    }

    @Test
    void aRecordTheBrokerCannotTakeIsRefusedAndTheOthersStillGo() throws Exception {
        String topic = "refused-" + UUID.randomUUID();
        byte[] huge = new byte[64 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        OutboundEvent tooLarge = new OutboundEvent(2, "ev-2", "kantata", "acme", "task", "t", "urn:x", "t", null,
                null, Instant.now(), huge);
        try (Sink sink = sink(Map.of("topic", topic, "producer.max.request.size", "16384"))) {
            Delivery d = sink.deliver(List.of(event(1, "t"), tooLarge, event(3, "t")));
            assertEquals(1, d.acknowledged());
            assertTrue(d.failure().orElseThrow().refused(), d.failure().get().message());
            assertTrue(d.failure().get().message().contains("RecordTooLarge"), d.failure().get().message());
            assertEquals(1, sink.deliver(List.of(event(3, "t"))).acknowledged());
        }
        // The record behind the refused one went out in the first call too (the producer does not stop), so it
        // arrives twice: the same id, what the gateway's at-least-once allows; the refused one never.
        List<String> ids = consume(topic, 3).stream().map(r -> header(r, "ce_id")).toList();
        assertEquals(List.of("ev-1", "ev-3", "ev-3"), ids);
    }

    @Test
    void settingsAreCheckedNamingTheKey() {
        InvalidSettingException noTopic = assertThrows(InvalidSettingException.class,
                () -> new KafkaKind().create(settings(Map.of())));
        assertEquals("gateway.sinks.out.topic", noTopic.key());
        InvalidSettingException acks = assertThrows(InvalidSettingException.class,
                () -> new KafkaKind().create(settings(Map.of("topic", "t", "producer.acks", "1"))));
        assertEquals("gateway.sinks.out.producer.acks", acks.key());
        InvalidSettingException unknown = assertThrows(InvalidSettingException.class,
                () -> new KafkaKind().create(settings(Map.of("topic", "t", "producer.lingerr.ms", "1"))));
        assertEquals("gateway.sinks.out.producer.lingerr.ms", unknown.key());
        InvalidSettingException pattern = assertThrows(InvalidSettingException.class,
                () -> new KafkaKind().create(settings(Map.of("topic-pattern", "fixed"))));
        assertEquals("gateway.sinks.out.topic-pattern", pattern.key());
        InvalidSettingException key = assertThrows(InvalidSettingException.class,
                () -> new KafkaKind().create(settings(Map.of("topic", "t", "key", "random"))));
        assertEquals("gateway.sinks.out.key", key.key());
    }

    @Test
    void theProducerPropertiesKafkaTypesAsPasswordsAreSecrets() {
        KafkaKind kind = new KafkaKind();
        for (String secret : new String[] { "producer.ssl.key.password", "producer.ssl.keystore.password",
                "producer.ssl.truststore.password", "producer.sasl.jaas.config" }) {
            assertTrue(kind.secret(secret), secret);
        }
        for (String plain : new String[] { "producer.compression.type", "producer.security.protocol",
                "producer.ssl.keystore.location", "bootstrap-servers", "topic", "producer.no.such.thing" }) {
            assertFalse(kind.secret(plain), plain);
        }
    }

    static OutboundEvent event(long seq, String objectId) {
        String id = "ev-" + seq;
        String data = "{\"id\":\"" + id + "\",\"seq\":" + seq + ",\"objectId\":\"" + objectId + "\"}";
        return new OutboundEvent(seq, id, "kantata", "acme", "task", objectId, "urn:activity-gateway:kantata:acme",
                "io.activitygateway.kantata.task.updated", "task/" + objectId, Instant.parse("2026-11-20T10:00:00Z"),
                Instant.parse("2026-11-20T10:00:01Z"), data.getBytes(StandardCharsets.UTF_8));
    }

    private static Sink sink(Map<String, String> options) throws InvalidSettingException {
        return new KafkaKind().create(settings(options));
    }

    private static SinkSettings settings(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.putIfAbsent("bootstrap-servers", kafka == null ? "127.0.0.1:1" : kafka.bootstrapServers());
        return new SinkSettings("out", "kafka", all, Clock.systemUTC());
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }
}
