package io.activitygateway.gateway.sink;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.feed.FeedFixture;
import io.activitygateway.gateway.feed.FeedFixture.Stored;
import io.activitygateway.gateway.metrics.PrometheusText;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.EventType;
import io.activitygateway.sandbox.webhook.WebhookReceiver;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Webhook sinks end to end: events committed through the store's real commit reach the sandbox's receivers, which
 * verify every signature; status, retries, parking and replay through the API; one slow endpoint holding back no
 * other sink.
 */
@QuarkusTest
@TestProfile(SinkProfile.class)
class WebhookSinksTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @jakarta.inject.Inject
    EventStore store;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void everyEventArrivesSignedInSeqOrderAndTheStatusShowsIt() {
        List<Stored> stored = FeedFixture.commit(store, "sink-ok", 12, EventType.UPDATED, "u1");
        WebhookReceiver r = SinkReceivers.ok;
        await().atMost(WAIT).until(() -> r.events().size() >= 12);
        assertEquals(0, r.rejected(), r.lastRejection());
        assertEquals(ids(stored), r.events().stream().map(WebhookReceiver.ReceivedEvent::id).toList());
        List<Long> seqs = r.events().stream().map(WebhookReceiver.ReceivedEvent::sequence).toList();
        assertEquals(seqs.stream().sorted().toList(), seqs);
        assertEquals(ids(stored), r.deliveries().stream().map(WebhookReceiver.Received::webhookId).toList(),
                "one event per message: the webhook-id is the event id");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath s = given().get("/api/v1/sinks/hook-ok").then().statusCode(200).extract().jsonPath();
            assertEquals("idle", s.getString("state"));
            assertEquals(s.getLong("head"), s.getLong("position"));
            assertEquals(0, s.getLong("lagEvents"));
            assertEquals(12, s.getLong("deliveries"));
            assertEquals("webhook", s.getString("kind"));
            assertEquals(List.of("sink-ok"), s.getList("filter.connection"));
        });
        PrometheusText text = new PrometheusText(given().get(metrics).then().statusCode(200).extract().asString());
        Map<String, String> tags = Map.of("sink", "hook-ok", "kind", "webhook");
        assertEquals(12, text.sum("gateway_sink_deliveries_total", tags));
        assertEquals(0, text.sum("gateway_sink_lag_events", tags));
        assertTrue(text.sum("gateway_sink_position", tags) >= seqs.get(seqs.size() - 1));
    }

    @Test
    void batchesCarryUpToBatchSizeEventsInOrder() {
        List<Stored> stored = FeedFixture.commit(store, "sink-batch", 25, EventType.CREATED, "u2");
        WebhookReceiver r = SinkReceivers.batch;
        await().atMost(WAIT).until(() -> r.events().size() >= 25);
        assertEquals(ids(stored), r.events().stream().map(WebhookReceiver.ReceivedEvent::id).toList());
        for (WebhookReceiver.Received message : r.deliveries()) {
            assertEquals("application/cloudevents-batch+json", message.contentType());
            assertTrue(message.events().size() <= 10, "batch-size=10: " + message.events().size());
        }
        assertEquals(0, r.rejected(), r.lastRejection());
    }

    @Test
    void aReceiverFailingThenRecoveringLosesNothingAndTheRetriesShow() {
        WebhookReceiver r = SinkReceivers.flaky;
        r.failNext(4, 500, null);
        List<Stored> first = FeedFixture.commit(store, "sink-flaky", 3, EventType.UPDATED, "u3");
        await().atMost(WAIT).until(() -> r.events().size() >= 3);
        assertEquals(4, r.failuresAnswered());
        JsonPath s = given().get("/api/v1/sinks/hook-flaky").then().statusCode(200).extract().jsonPath();
        assertTrue(s.getLong("retries") >= 4, "retries: " + s.getLong("retries"));
        assertTrue(s.getString("lastError.message").contains("HTTP 500"), s.getString("lastError.message"));
        assertEquals(500, s.getInt("lastError.httpStatus"));

        // 429 with Retry-After: 1 s: the retry waits at least that long, though retry-max is 400 ms.
        r.failNext(1, 429, 1);
        Instant committed = Instant.now();
        List<Stored> second = FeedFixture.commit(store, "sink-flaky", 1, EventType.UPDATED, "u3");
        await().atMost(WAIT).until(() -> r.events().size() >= 4);
        WebhookReceiver.Received last = r.deliveries().get(r.deliveries().size() - 1);
        assertTrue(Duration.between(committed, last.at()).toMillis() >= 1000,
                "delivered " + Duration.between(committed, last.at()).toMillis() + " ms after the commit");
        assertEquals(5, r.failuresAnswered());
        List<String> expected = new java.util.ArrayList<>(ids(first));
        expected.addAll(ids(second));
        assertEquals(expected, r.events().stream().map(WebhookReceiver.ReceivedEvent::id).toList());
    }

    @Test
    void aSlowReceiverDoesNotSlowAnotherSink() {
        List<Stored> stored = FeedFixture.commit(store, "sink-shared", 8, EventType.UPDATED, "u4");
        await().atMost(WAIT).until(() -> SinkReceivers.fast.events().size() >= 8);
        // The slow receiver answers each message after 1.5 s: 8 messages take 12 s.
        int slowSoFar = SinkReceivers.slow.events().size();
        assertTrue(slowSoFar < 8, "the slow sink had " + slowSoFar + " when the fast one had all 8");
        assertEquals(ids(stored), SinkReceivers.fast.events().stream().map(WebhookReceiver.ReceivedEvent::id).toList());
        await().atMost(WAIT).until(() -> SinkReceivers.slow.events().size() >= 8);
        assertEquals(ids(stored), SinkReceivers.slow.events().stream().map(WebhookReceiver.ReceivedEvent::id).toList());
    }

    @Test
    void afterMaxAttemptsAMessageIsParkedAndCanBeReplayedOrDiscarded() {
        WebhookReceiver r = SinkReceivers.dead;
        r.failNext(1_000_000, 503, null);
        List<Stored> stored = FeedFixture.commit(store, "sink-park", 2, EventType.DELETED, "u5");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/sinks/hook-park/parked").then()
                .statusCode(200).body("size()", equalTo(2)));
        JsonPath parked = given().get("/api/v1/sinks/hook-park/parked").then().extract().jsonPath();
        assertEquals(3, parked.getInt("[0].attempts"));
        assertEquals(503, parked.getInt("[0].lastStatus"));
        long firstId = parked.getLong("[0].id");
        long secondId = parked.getLong("[1].id");
        JsonPath status = given().get("/api/v1/sinks/hook-park").then().extract().jsonPath();
        assertEquals(2, status.getLong("parkedMessages"));
        assertEquals(2, status.getLong("parkedEvents"));
        assertEquals(status.getLong("head"), status.getLong("position"), "the position moved past parked messages");
        assertTrue(r.events().isEmpty());

        r.failNext(0, 500, null);
        given().post("/api/v1/sinks/hook-park/parked/" + firstId + "/replay").then().statusCode(202)
                .body("replayRequested", equalTo(true));
        await().atMost(WAIT).until(() -> r.events().size() == 1);
        assertEquals(stored.get(0).id(), r.events().get(0).id());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/sinks/hook-park/parked").then()
                .body("size()", equalTo(1)).body("[0].id", equalTo((int) secondId)));

        given().delete("/api/v1/sinks/hook-park/parked/" + secondId).then().statusCode(204);
        given().get("/api/v1/sinks/hook-park/parked").then().body("size()", equalTo(0));
        given().delete("/api/v1/sinks/hook-park/parked/" + secondId).then().statusCode(404)
                .contentType("application/problem+json");
        given().post("/api/v1/sinks/hook-park/parked/x/replay").then().statusCode(404);
        given().get("/api/v1/sinks/hook-park/parked?limit=0").then().statusCode(400);
    }

    @Test
    void anEventTheDestinationRefusesIsParkedAfterAFewAttemptsAndTheRestGoesOnInOrder() {
        // The kind retries outages for ever (max-attempts 0) and keeps 4 pages of 3 in flight.
        List<Stored> before = FeedFixture.commit(store, "sink-refuse", 7, EventType.UPDATED, "u1");
        List<Stored> bad = FeedFixture.commit(store, "sink-refuse", 1, EventType.UPDATED, "u1",
                "2033-03-03T03:03:03Z", "refuse-me");
        List<Stored> after = FeedFixture.commit(store, "sink-refuse", 8, EventType.UPDATED, "u1");
        List<String> expected = new java.util.ArrayList<>(ids(before));
        expected.addAll(ids(after));
        // Pages in flight behind the refused one are sent again after it: duplicates, never the refused event.
        await().atMost(WAIT).until(() -> RefusingKind.received.containsAll(expected));
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(RefusingKind.received));
        assertEquals(expected.get(expected.size() - 1), RefusingKind.received.get(RefusingKind.received.size() - 1));
        JsonPath parked = given().get("/api/v1/sinks/refusing/parked").then().statusCode(200).extract().jsonPath();
        assertEquals(1, parked.getList("").size());
        assertEquals(3, parked.getInt("[0].attempts"));
        assertEquals(1, parked.getInt("[0].events"));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath s = given().get("/api/v1/sinks/refusing").then().statusCode(200).extract().jsonPath();
            assertEquals(s.getLong("head"), s.getLong("position"));
            assertEquals("record too large", s.getString("lastError.message"));
            assertEquals(1, s.getLong("parkedEvents"));
            assertEquals(expected.size(), s.getLong("deliveries"));
        });
        assertEquals(1, bad.size());
    }

    @Test
    void listsEverySinkAndAnswersProblemsForUnknownOnes() {
        given().get("/api/v1/sinks").then().statusCode(200).body("name", org.hamcrest.Matchers.hasItems("hook-ok",
                "hook-off", "hook-park"));
        given().get("/api/v1/sinks/hook-off").then().statusCode(200).body("state", equalTo("disabled"))
                .body("enabled", equalTo(false));
        given().get("/api/v1/sinks/nope").then().statusCode(404).contentType("application/problem+json");
    }

    private static List<String> ids(List<Stored> stored) {
        return stored.stream().map(Stored::id).toList();
    }
}
