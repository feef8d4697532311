package io.activitygateway.sink.kafka;

import io.activitygateway.sink.Sink;
import io.activitygateway.sink.SinkKind;
import io.activitygateway.sink.SinkSettings;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.SettingDescriptor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** {@code kind=kafka}: an idempotent producer writing each event as one record, CloudEvents Kafka binding. */
public class KafkaKind implements SinkKind {

    static final String PRODUCER_PREFIX = "producer.";

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.required("bootstrap-servers", "host:port of one or more brokers, comma-separated"),
                SettingDescriptor.optional("topic", "the topic every event goes to (or topic-pattern)"),
                SettingDescriptor.optional("topic-pattern",
                        "a topic per source: {source} and {connection} are replaced, e.g. activity.{source}"),
                SettingDescriptor.optional("key", "the record key: object (<source>:<object type>:<object id>,"
                        + " default), event (the event id), connection, or none"),
                SettingDescriptor.optional("content-mode", "binary (ce_* headers, data as value; default) or"
                        + " structured (the whole CloudEvent JSON as value)"),
                SettingDescriptor.optional("batch-size", "events sent before waiting for the acknowledgements"
                        + " (default 1000)"),
                SettingDescriptor.optional("batches-in-flight", "batches sent while earlier ones still await"
                        + " their acknowledgements (default 8; 1 = one batch at a time)"),
                SettingDescriptor.optional("delivery-timeout", "how long the producer tries one record before"
                        + " the batch counts as failed (default 2m)"),
                SettingDescriptor.optional("client-id", "the producer's client.id (default activity-gateway-<sink>)"),
                SettingDescriptor.optional(PRODUCER_PREFIX + "*", "any other producer property, e.g."
                        + " producer.compression.type=lz4; acks and idempotence cannot be changed"));
    }

    /** A producer property Kafka itself types as a password ({@code ssl.key.password}, {@code sasl.jaas.config}, ...). */
    @Override
    public boolean secret(String key) {
        if (!key.startsWith(PRODUCER_PREFIX)) {
            return false;
        }
        ConfigDef.ConfigKey property = ProducerConfig.configDef().configKeys()
                .get(key.substring(PRODUCER_PREFIX.length()));
        return property != null && property.type == ConfigDef.Type.PASSWORD;
    }

    @Override
    public Sink create(SinkSettings s) throws InvalidSettingException {
        String servers = s.require("bootstrap-servers", "host:port of the brokers");
        TopicChoice topics = TopicChoice.of(s);
        RecordKey key = RecordKey.of(s.choiceOption("key", "object", "object", "event", "connection", "none"));
        boolean structured = s.choiceOption("content-mode", "binary", "binary", "structured").equals("structured");
        int batchSize = s.intOption("batch-size", 1000, 1, 100_000);
        int batchesInFlight = s.intOption("batches-in-flight", 8, 1, 64);
        Duration deliveryTimeout = s.durationOption("delivery-timeout", Duration.ofMinutes(2));
        Properties props = producerProperties(s, servers, deliveryTimeout);
        KafkaProducer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = String.valueOf(e instanceof org.apache.kafka.common.config.ConfigException
                    ? e.getMessage() : cause.getMessage());
            // A bad producer.* value is reported on its own key.
            String badKey = s.options().keySet().stream().filter(k -> k.startsWith(PRODUCER_PREFIX)
                    && message.contains("configuration " + k.substring(PRODUCER_PREFIX.length())))
                    .findFirst().orElse("bootstrap-servers");
            throw new InvalidSettingException(s.key(badKey), "the producer could not be created: " + message);
        }
        return new KafkaSink(producer, new CloudEventRecords(topics, key, structured), batchSize,
                batchesInFlight, servers, topics.describe());
    }

    /** The producer's properties: ours, then the {@code producer.*} ones, then what delivery order depends on. */
    static Properties producerProperties(SinkSettings s, String servers, Duration deliveryTimeout)
            throws InvalidSettingException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, s.option("client-id").orElse("activity-gateway-" + s.sink()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryTimeout.toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Long.toString(Math.min(30_000, deliveryTimeout.toMillis() / 2)));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.min(60_000, deliveryTimeout.toMillis())));
        for (Map.Entry<String, String> e : s.options().entrySet()) {
            if (e.getKey().startsWith(PRODUCER_PREFIX)) {
                String name = e.getKey().substring(PRODUCER_PREFIX.length());
                if (!ProducerConfig.configNames().contains(name)) {
                    throw new InvalidSettingException(s.key(e.getKey()), "'" + name
                            + "' is not a Kafka producer property");
                }
                props.put(name, e.getValue().strip());
            }
        }
        // Acknowledged means written to every in-sync replica, and retries can neither duplicate nor reorder.
        for (String fixed : List.of(ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)) {
            if (s.options().containsKey(PRODUCER_PREFIX + fixed)) {
                throw new InvalidSettingException(s.key(PRODUCER_PREFIX + fixed), "is fixed by the gateway"
                        + " (acks=all, idempotence on, at most 5 requests in flight) so that delivery stays in order");
            }
        }
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        Properties out = new Properties();
        out.putAll(props);
        return out;
    }
}
