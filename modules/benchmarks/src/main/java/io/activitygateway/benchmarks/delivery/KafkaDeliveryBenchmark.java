package io.activitygateway.benchmarks.delivery;

import io.activitygateway.testkit.KafkaNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Events per second the packaged gateway's Kafka sink delivers from a store of {@code events} events (H2 file), beside
 * a plain producer (same client, same settings: idempotent, acks=all) writing the very same records (read back from
 * the gateway's topic: keys, values, ce_* headers) as fast as it can. The ratio is the sink's cost over Kafka's own.
 * One single-node KRaft broker on this machine serves both (testkit's KafkaNode).
 *
 * <pre>java -Dkafka.broker.classpath.file=modules/benchmarks/target/kafka-broker.classpath -Xmx3g \
 *     -cp modules/benchmarks/target/benchmarks.jar io.activitygateway.benchmarks.delivery.KafkaDeliveryBenchmark \
 *     --events=1000000</pre>
 */
public final class KafkaDeliveryBenchmark {

    public record Plan(Path app, long events, int batchSize, String heap, Path work) {
    }

    /**
     * @param sinkPerSecond     events/s between the create times of the sink's first and last record on the topic
     * @param producerPerSecond events/s of the plain producer, first send to last acknowledgement
     * @param recordsRead       records read back from the sink's topic (at least events: at least once)
     */
    public record Result(long events, double sinkPerSecond, double producerPerSecond, long recordsRead,
            long distinctIds) {

        public double ratio() {
            return sinkPerSecond / producerPerSecond;
        }
    }

    private KafkaDeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(2, eq < 0 ? arg.length() : eq), eq < 0 ? "" : arg.substring(eq + 1));
        }
        String brokerClasspath = System.getProperty("kafka.broker.classpath.file");
        if (brokerClasspath == null && Files.exists(Path.of("modules/benchmarks/target/kafka-broker.classpath"))) {
            System.setProperty("kafka.broker.classpath.file", "modules/benchmarks/target/kafka-broker.classpath");
        }
        Plan plan = new Plan(Path.of(a.getOrDefault("app", "modules/gateway/target/quarkus-app")),
                Long.parseLong(a.getOrDefault("events", "1000000")),
                Integer.parseInt(a.getOrDefault("batch-size", "5000")), a.getOrDefault("heap", "1g"),
                Path.of(a.getOrDefault("work", "target/kafka-delivery")));
        try {
            Result r = run(plan);
            System.out.println(table(r, plan));
        } catch (Exception | Error e) {
            e.printStackTrace();
            // The clients' and the database's threads would keep a failed run alive (an OutOfMemoryError too: the
            // read-back of a 1M-event topic needs more than -Xmx3g).
            System.exit(1);
        }
        System.exit(0);
    }

    static String table(Result r, Plan plan) {
        return String.format(Locale.ROOT, """
                | events | sink batch | sink events/s | plain producer events/s | ratio | records read | distinct ids |
                |---:|---:|---:|---:|---:|---:|---:|
                | %d | %d | %.0f | %.0f | %.2f | %d | %d |""", r.events(), plan.batchSize(), r.sinkPerSecond(),
                r.producerPerSecond(), r.ratio(), r.recordsRead(), r.distinctIds());
    }

    public static Result run(Plan plan) throws Exception {
        Path work = plan.work().resolve(UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(work);
        try (KafkaNode kafka = KafkaNode.start(work.resolve("kafka"), 3)) {
            Path db = work.resolve("db");
            // First start: the gateway migrates the empty store; then the store is filled while it is down.
            try (SinkGateway migrated = SinkGateway.start(plan.app(), db, Map.of(), plan.heap(),
                    work.resolve("gateway.log"))) {
                // It answers once Flyway migrated the store.
            }
            long head = StoreSeeder.seed(SinkGateway.h2Url(db), "gateway", plan.events(), 10_000);
            String topic = "bench-sink";
            Map<String, String> sink = new HashMap<>();
            String p = "gateway.sinks.bench.";
            sink.put(p + "kind", "kafka");
            sink.put(p + "bootstrap-servers", kafka.bootstrapServers());
            sink.put(p + "topic", topic);
            sink.put(p + "start", "earliest");
            sink.put(p + "batch-size", Integer.toString(plan.batchSize()));
            try (SinkGateway g = SinkGateway.start(plan.app(), db, sink, plan.heap(), work.resolve("gateway.log"))) {
                g.awaitPosition("bench", head, Duration.ofMinutes(30));
            }
            Topic back = readBack(kafka, topic, head);
            List<ProducerRecord<byte[], byte[]>> same = back.records();
            long distinct = same.stream().map(r -> new String(r.headers().lastHeader("ce_id").value()))
                    .distinct().count();
            long read = same.size();
            // Timed by the records' own create times, so neither the gateway's start-up nor how soon a status
            // request is first answered counts (a cold gateway may answer after the whole smoke size is sent).
            double sinkRate = (read - 1) / (Math.max(1, back.lastCreated() - back.firstCreated()) / 1e3);
            double producerRate = plainProducer(kafka, "bench-plain", same);
            return new Result(head, sinkRate, producerRate, read, distinct);
        }
    }

    /** The sink's records, as records to send again to another topic, and the first and last create time (ms). */
    private record Topic(List<ProducerRecord<byte[], byte[]>> records, long firstCreated, long lastCreated) {
    }

    private static Topic readBack(KafkaNode kafka, String topic, long expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>((int) expected);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < Duration.ofSeconds(out.size() >= expected ? 2 : 60).toNanos()) {
                int n = 0;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(new ProducerRecord<>("x", null, r.key(), r.value(), r.headers()));
                    first = Math.min(first, r.timestamp());
                    last = Math.max(last, r.timestamp());
                    n++;
                }
                if (n > 0) {
                    idleSince = System.nanoTime();
                }
            }
        }
        return new Topic(out, first, last);
    }

    /** The same records through a producer with the sink's settings, sent back to back; events/s. */
    private static double plainProducer(KafkaNode kafka, String topic, List<ProducerRecord<byte[], byte[]>> records)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // Warm the connection and metadata, as the sink's first batch does before its clock starts.
            producer.send(new ProducerRecord<>(topic, records.get(0).key(), records.get(0).value())).get();
            long started = System.nanoTime();
            java.util.concurrent.Future<?> last = null;
            for (ProducerRecord<byte[], byte[]> r : records) {
                last = producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers()));
            }
            producer.flush();
            last.get();
            return records.size() / ((System.nanoTime() - started) / 1e9);
        }
    }
}
