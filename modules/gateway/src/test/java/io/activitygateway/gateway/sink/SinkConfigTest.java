package io.activitygateway.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.config.GatewayConfig.SinkConfig;
import io.activitygateway.sink.kafka.KafkaKind;
import io.activitygateway.sink.webhook.WebhookKind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A sink's configuration is checked at start-up, every problem reported at once, each naming its key. */
class SinkConfigTest {

    private final SinkFactory factory = new SinkFactory(new SinkKinds(List.of(new KafkaKind(), new WebhookKind())),
            Set.of("kantata", "onehub"), Clock.systemUTC());

    @Test
    void aValidWebhookSinkWithFiltersAndAStartSeq() {
        List<String> problems = new ArrayList<>();
        SinkDefinition d = factory.create("out", config(Map.of("kind", "webhook", "url", "http://127.0.0.1:1/h",
                "secret", SinkReceivers.SECRET, "source", "kantata", "type", "created,updated", "start", "42")),
                problems);
        assertEquals(List.of(), problems);
        assertNotNull(d);
        assertEquals(List.of("kantata"), d.filter().source());
        assertEquals(List.of("created", "updated"), d.filter().type());
        assertEquals(41, d.start().initialPosition(1000));
        assertEquals(1000, StartPosition.parse("now").initialPosition(1000));
        assertEquals(0, StartPosition.parse("earliest").initialPosition(1000));
        assertEquals(8, d.maxAttempts(), "the webhook kind's default");
        assertEquals("sink:out", d.leaseResource());
        d.sink().close();
    }

    @Test
    void everyProblemIsReportedNamingItsKey() {
        List<String> problems = new ArrayList<>();
        assertNull(factory.create("out", config(Map.of("kind", "webhook", "url", "http://127.0.0.1:1/h", "secret",
                SinkReceivers.SECRET, "source", "jira", "type", "renamed", "start", "yesterday", "colour", "red")),
                problems));
        String all = String.join("\n", problems);
        assertTrue(all.contains("gateway.sinks.out.source: 'jira' is not a source kind"), all);
        assertTrue(all.contains("gateway.sinks.out.type: 'renamed' is not an event type"), all);
        assertTrue(all.contains("gateway.sinks.out.start: 'yesterday'"), all);
        assertTrue(all.contains("gateway.sinks.out.colour: is not a setting of sink kind webhook"), all);
        assertEquals(4, problems.size(), all);
    }

    @Test
    void kindProblemsNameTheirKeys() {
        List<String> problems = new ArrayList<>();
        factory.create("a", config(Map.of()), problems);
        factory.create("b", config(Map.of("kind", "smtp")), problems);
        factory.create("c", config(Map.of("kind", "webhook")), problems);
        factory.create("d", config(Map.of("kind", "kafka", "bootstrap-servers", "127.0.0.1:1", "topic", "t",
                "producer.linger.ms", "x1", "producer.compression.type", "lz4")), problems);
        String all = String.join("\n", problems);
        assertTrue(all.contains("gateway.sinks.a.kind: is required"), all);
        assertTrue(all.contains("gateway.sinks.b.kind: 'smtp' is not a known sink kind; one of [kafka, webhook]"),
                all);
        assertTrue(all.contains("gateway.sinks.c.url: is required"), all);
        assertTrue(all.contains("gateway.sinks.d.producer.linger.ms: the producer could not be created"), all);
    }

    @Test
    void kafkaProducerPropertiesPassThroughAndNegativeAttemptsAreRefused() {
        List<String> problems = new ArrayList<>();
        SinkDefinition d = factory.create("k", config(Map.of("kind", "kafka", "bootstrap-servers", "127.0.0.1:1",
                "topic", "t", "producer.compression.type", "lz4")), problems);
        assertEquals(List.of(), problems);
        assertEquals(0, d.maxAttempts(), "Kafka retries for ever by default");
        d.sink().close();
        Map<String, String> keys = new HashMap<>(Map.of("kind", "kafka", "bootstrap-servers", "127.0.0.1:1",
                "topic", "t"));
        assertNull(factory.create("k", new Config(keys, Optional.of(-1)), problems));
        assertTrue(problems.get(0).startsWith("gateway.sinks.k.max-attempts"), problems.toString());
    }

    private static SinkConfig config(Map<String, String> keys) {
        return new Config(keys, Optional.empty());
    }

    /** The configuration as SmallRye would map it from these keys. */
    private record Config(Map<String, String> keys, Optional<Integer> maxAttempts) implements SinkConfig {

        @Override
        public Optional<String> kind() {
            return Optional.ofNullable(keys.get("kind"));
        }

        @Override
        public boolean enabled() {
            return !"false".equals(keys.get("enabled"));
        }

        @Override
        public String start() {
            return keys.getOrDefault("start", "now");
        }

        @Override
        public Duration retryInitial() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration retryMax() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration pollInterval() {
            return Duration.ofSeconds(1);
        }

        private Optional<List<String>> list(String key) {
            return Optional.ofNullable(keys.get(key)).map(v -> Arrays.asList(v.split(",")));
        }

        @Override
        public Optional<List<String>> source() {
            return list("source");
        }

        @Override
        public Optional<List<String>> connection() {
            return list("connection");
        }

        @Override
        public Optional<List<String>> type() {
            return list("type");
        }

        @Override
        public Optional<List<String>> sourceType() {
            return list("source-type");
        }

        @Override
        public Optional<List<String>> objectType() {
            return list("object-type");
        }

        @Override
        public Optional<List<String>> objectId() {
            return list("object-id");
        }

        @Override
        public Optional<List<String>> actorId() {
            return list("actor-id");
        }

        @Override
        public Optional<List<String>> containerId() {
            return list("container-id");
        }
    }
}
