package io.activitygateway.sink.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.sandbox.webhook.SignatureCheck;
import io.activitygateway.sandbox.webhook.WebhookReceiver;
import io.activitygateway.sink.Delivery;
import io.activitygateway.sink.OutboundEvent;
import io.activitygateway.sink.Sink;
import io.activitygateway.sink.SinkSettings;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook sink against the sandbox's receiver, which verifies the signatures with its own code. */
class WebhookSinkTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.start(0, SECRET, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void theSignatureIsTheStandardWebhooksTestVector() {
        WebhookSecret secret = WebhookSecret.parse(new Secret(SECRET));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)));
        SignatureCheck check = new SignatureCheck(SECRET);
        assertNull(check.problem("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8), Instant.ofEpochSecond(1614265330)));
        assertTrue(check.problem("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), Instant.ofEpochSecond(1614265330))
                != null);
        assertTrue(check.problem("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8), Instant.ofEpochSecond(1614265330 + 600))
                != null, "an old timestamp is refused");
    }

    @Test
    void binaryModeMessagesAreVerifiedAndCarryTheEventId() throws Exception {
        try (Sink sink = sink(Map.of())) {
            for (int i = 1; i <= 3; i++) {
                assertEquals(1, sink.deliver(List.of(event(i))).acknowledged());
            }
        }
        assertEquals(0, receiver.rejected(), receiver.lastRejection());
        assertEquals(List.of("ev-1", "ev-2", "ev-3"), receiver.events().stream().map(e -> e.id()).toList());
        WebhookReceiver.Received first = receiver.deliveries().get(0);
        assertEquals("ev-1", first.webhookId());
        assertEquals("application/json", first.contentType());
        assertEquals(1, receiver.events().get(0).sequence());
        assertEquals("ev-1", receiver.events().get(0).data().get("id").asText());
    }

    @Test
    void batchesAreOneCloudEventsBatchMessage() throws Exception {
        try (Sink sink = sink(Map.of("batch-size", "5"))) {
            assertEquals(5, sink.batchSize());
            assertEquals(3, sink.deliver(List.of(event(4), event(5), event(6))).acknowledged());
        }
        WebhookReceiver.Received r = receiver.deliveries().get(0);
        assertEquals("application/cloudevents-batch+json", r.contentType());
        assertEquals(List.of(4L, 5L, 6L), r.events().stream().map(e -> e.sequence()).toList());
        assertEquals("batch_ev-4_6_3", r.webhookId());
    }

    @Test
    void structuredModeIsOneCloudEventJson() throws Exception {
        try (Sink sink = sink(Map.of("content-mode", "structured"))) {
            assertEquals(1, sink.deliver(List.of(event(9))).acknowledged());
        }
        assertEquals("application/cloudevents+json", receiver.deliveries().get(0).contentType());
        assertEquals("task/t9", receiver.events().get(0).subject());
    }

    @Test
    void aWrongSecretIsRefusedByTheReceiver() throws Exception {
        Map<String, String> other = new HashMap<>();
        other.put("secret", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        try (Sink sink = sink(other)) {
            Delivery d = sink.deliver(List.of(event(1)));
            assertEquals(0, d.acknowledged());
            assertEquals(401, d.failure().orElseThrow().status().getAsInt());
        }
        assertEquals(1, receiver.rejected());
        assertTrue(receiver.events().isEmpty());
    }

    @Test
    void errorsComeBackWithStatusAndRetryAfter() throws Exception {
        receiver.failNext(1, 429, 7);
        try (Sink sink = sink(Map.of())) {
            Delivery d = sink.deliver(List.of(event(1)));
            assertEquals(0, d.acknowledged());
            assertEquals(429, d.failure().orElseThrow().status().getAsInt());
            assertEquals(Duration.ofSeconds(7), d.failure().get().retryAfter().orElseThrow());
            assertEquals(1, sink.deliver(List.of(event(1))).acknowledged());
        }
        assertEquals(1, receiver.failuresAnswered());
        assertEquals(List.of("ev-1"), receiver.events().stream().map(e -> e.id()).toList());
    }

    @Test
    void theSigningSecretIsTheOneSecretKey() {
        assertTrue(new WebhookKind().secret("secret"));
        for (String plain : new String[] { "url", "batch-size", "secret-file", "content-mode" }) {
            assertFalse(new WebhookKind().secret(plain), plain);
        }
    }

    @Test
    void settingsAreCheckedNamingTheKey() {
        assertEquals("gateway.sinks.hook.secret", assertThrows(InvalidSettingException.class,
                () -> sink(Map.of("secret", "plain"))).key());
        assertEquals("gateway.sinks.hook.url", assertThrows(InvalidSettingException.class,
                () -> sink(Map.of("url", "ftp://x"))).key());
        assertEquals("gateway.sinks.hook.batch-size", assertThrows(InvalidSettingException.class,
                () -> sink(Map.of("batch-size", "0"))).key());
        assertEquals("gateway.sinks.hook.content-mode", assertThrows(InvalidSettingException.class,
                () -> sink(Map.of("batch-size", "10", "content-mode", "binary"))).key());
    }

    private Sink sink(Map<String, String> options) throws InvalidSettingException {
        Map<String, String> all = new HashMap<>(options);
        all.putIfAbsent("url", receiver.url("out"));
        all.putIfAbsent("secret", SECRET);
        return new WebhookKind().create(new SinkSettings("hook", "webhook", all, Clock.systemUTC()));
    }

    static OutboundEvent event(long seq) {
        String id = "ev-" + seq;
        return new OutboundEvent(seq, id, "kantata", "acme", "task", "t" + seq, "urn:activity-gateway:kantata:acme",
                "io.activitygateway.kantata.task.updated", "task/t" + seq,
                Instant.parse("2026-11-20T10:00:00Z").atOffset(ZoneOffset.UTC).toInstant(),
                Instant.parse("2026-11-20T10:00:01Z"),
                ("{\"id\":\"" + id + "\",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
    }
}
