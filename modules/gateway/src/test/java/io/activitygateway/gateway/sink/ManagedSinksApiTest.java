package io.activitygateway.gateway.sink;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.feed.FeedFixture;
import io.activitygateway.gateway.feed.FeedFixture.Stored;
import io.activitygateway.gateway.lease.InstanceLeases;
import io.activitygateway.gateway.metrics.PrometheusText;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.EventType;
import io.activitygateway.sandbox.webhook.WebhookReceiver;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sinks created, changed, disabled and deleted through the API, without a restart, delivering to the sandbox's
 * webhook receiver (which verifies every signature), as connections are managed through the API.
 */
@QuarkusTest
@TestProfile(SinkProfile.class)
class ManagedSinksApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    EventStore store;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    InstanceLeases leases;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    private static Map<String, Object> webhook(String name, WebhookReceiver receiver, String connection) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "webhook");
        body.put("url", receiver.url(name));
        body.put("secret", SinkReceivers.SECRET);
        body.put("connection", connection);
        body.put("start", "earliest");
        body.put("retry-initial", "50ms");
        body.put("retry-max", "400ms");
        body.put("poll-interval", "200ms");
        return body;
    }

    @Test
    void createdThroughTheApiItDeliversSignedEventsUnderItsLeaseAndItsSecretIsNeverShownNorStoredInTheClear()
            throws Exception {
        List<Stored> before = FeedFixture.commit(store, "managed-a", 3, EventType.CREATED, "u1");
        WebhookReceiver r = SinkReceivers.managed;
        String created = given().contentType(ContentType.JSON).body(webhook("api-a", r, "managed-a"))
                .put("/api/v1/sinks/api-a").then().statusCode(201)
                .header("Location", endsWith("/api/v1/sinks/api-a"))
                .body("origin", equalTo("api")).body("kind", equalTo("webhook"))
                .body("secrets", equalTo(List.of("secret")))
                .body("settings.connection", equalTo("managed-a")).body("settings.start", equalTo("earliest"))
                .body("filter.connection", equalTo(List.of("managed-a"))).extract().asString();
        assertFalse(created.contains(SinkReceivers.SECRET), created);
        assertFalse(created.contains(SinkReceivers.SECRET.substring("whsec_".length())), created);

        // start=earliest: what was stored before it existed arrives too, then what is committed after.
        List<Stored> after = FeedFixture.commit(store, "managed-a", 2, EventType.UPDATED, "u1");
        await().atMost(WAIT).until(() -> r.events().size() >= 5);
        assertEquals(0, r.rejected(), r.lastRejection());
        assertEquals(concat(ids(before), ids(after)), receivedIds(r));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath s = given().get("/api/v1/sinks/api-a").then().statusCode(200).extract().jsonPath();
            assertEquals("idle", s.getString("state"));
            assertEquals(5, s.getLong("deliveries"));
            assertEquals(leases.instance(), s.getString("leaseHolder"), "delivered under its lease");
        });
        String listed = given().get("/api/v1/sinks").then().statusCode(200)
                .body("name", hasItems("hook-ok", "api-a")).extract().asString();
        assertFalse(listed.contains(SinkReceivers.SECRET), listed);
        PrometheusText text = new PrometheusText(given().get(metrics).then().statusCode(200).extract().asString());
        assertEquals(5, text.sum("gateway_sink_deliveries_total", Map.of("sink", "api-a", "kind", "webhook")));

        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT settings, secrets FROM managed_sink WHERE name = 'api-a'");
                ResultSet rs = select.executeQuery()) {
            assertTrue(rs.next());
            assertFalse(rs.getString(1).contains("whsec_"), "settings hold no secret: " + rs.getString(1));
            assertTrue(rs.getString(2).startsWith("v1:"), rs.getString(2));
            assertFalse(rs.getString(2).contains(SinkReceivers.SECRET), "the secret is sealed");
        }
    }

    @Test
    void changedDisabledEnabledAndDeletedWithoutARestartKeepingItsPositionAndTheSecretItWasNotSentAgain()
            throws Exception {
        WebhookReceiver r = SinkReceivers.managedOther;
        List<Stored> first = FeedFixture.commit(store, "managed-b", 2, EventType.CREATED, "u2");
        given().contentType(ContentType.JSON).body(webhook("api-b", r, "managed-b")).put("/api/v1/sinks/api-b")
                .then().statusCode(201);
        awaitIdleAfter("api-b", 2);

        // Replaced without its secret and with batches: it keeps the secret (the receiver verifies every
        // signature) and goes on from its position, so nothing is sent twice.
        Map<String, Object> batched = webhook("api-b", r, "managed-b");
        batched.remove("secret");
        batched.put("batch-size", 10);
        given().contentType(ContentType.JSON).body(batched).put("/api/v1/sinks/api-b").then().statusCode(200)
                .body("secrets", equalTo(List.of("secret"))).body("settings.batch-size", equalTo("10"));
        List<Stored> second = FeedFixture.commit(store, "managed-b", 3, EventType.UPDATED, "u2");
        await().atMost(WAIT).until(() -> r.events().size() >= 5);
        assertEquals(concat(ids(first), ids(second)), receivedIds(r));
        assertEquals(0, r.rejected(), r.lastRejection());
        WebhookReceiver.Received last = r.deliveries().get(r.deliveries().size() - 1);
        assertEquals("application/cloudevents-batch+json", last.contentType(), "the change took effect");
        awaitIdleAfter("api-b", 3);

        Map<String, Object> disabled = webhook("api-b", r, "managed-b");
        disabled.remove("secret");
        disabled.put("enabled", false);
        given().contentType(ContentType.JSON).body(disabled).put("/api/v1/sinks/api-b").then().statusCode(200)
                .body("state", equalTo("disabled")).body("enabled", equalTo(false));
        List<Stored> third = FeedFixture.commit(store, "managed-b", 2, EventType.UPDATED, "u2");
        Map<String, Object> enabled = webhook("api-b", r, "managed-b");
        enabled.remove("secret");
        given().contentType(ContentType.JSON).body(enabled).put("/api/v1/sinks/api-b").then().statusCode(200)
                .body("enabled", equalTo(true));
        await().atMost(WAIT).until(() -> r.events().size() >= 7);
        assertEquals(concat(concat(ids(first), ids(second)), ids(third)), receivedIds(r),
                "what was committed while disabled arrives once enabled, from the kept position");
        awaitIdleAfter("api-b", 2);

        // Deleted: delivery stops, and its position and dead letters are forgotten.
        try (Connection c = dataSource.getConnection();
                PreparedStatement park = c.prepareStatement("INSERT INTO sink_parked (sink, first_seq, last_seq,"
                        + " seqs, events, attempts, last_error, parked_at, last_attempt_at, replay_requested)"
                        + " VALUES ('api-b', 1, 1, '1', 1, 8, 'test', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                        + " FALSE)")) {
            park.executeUpdate();
        }
        given().get("/api/v1/sinks/api-b").then().body("parkedMessages", equalTo(1));
        given().delete("/api/v1/sinks/api-b").then().statusCode(204);
        given().get("/api/v1/sinks/api-b").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/sinks/api-b/parked").then().statusCode(404);
        given().delete("/api/v1/sinks/api-b").then().statusCode(404);
        assertEquals(0, count("SELECT COUNT(*) FROM sink_position WHERE sink = 'api-b'"));
        assertEquals(0, count("SELECT COUNT(*) FROM sink_parked WHERE sink = 'api-b'"));
        assertEquals(0, count("SELECT COUNT(*) FROM lease WHERE resource = 'sink:api-b'"), "its lease was given up");
        int received = r.events().size();
        FeedFixture.commit(store, "managed-b", 2, EventType.UPDATED, "u2");
        given().get("/api/v1/events?connection=managed-b").then().statusCode(200).body("items.size()", equalTo(9));

        // A new sink of the same name starts afresh from its own start position.
        Map<String, Object> again = webhook("api-b", r, "managed-b");
        again.put("start", "now");
        given().contentType(ContentType.JSON).body(again).put("/api/v1/sinks/api-b").then().statusCode(201)
                .body("parkedMessages", equalTo(0));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath s = given().get("/api/v1/sinks/api-b").then().statusCode(200).extract().jsonPath();
            assertEquals("idle", s.getString("state"));
            assertEquals(s.getLong("head"), s.getLong("position"), s.prettify());
        });
        Thread.sleep(1000); // a sink that wrongly resumed would deliver the two events committed while deleted now
        assertEquals(received, r.events().size(), "nothing delivered while deleted, nor after, from the start");
        given().delete("/api/v1/sinks/api-b").then().statusCode(204);
    }

    @Test
    void everyProblemAtOnceEachNamingItsKeyAsStartUpWouldAndNothingIsStored() throws SQLException {
        Map<String, Object> bad = new HashMap<>();
        bad.put("kind", "webhook");
        bad.put("url", "ftp://example.test/");
        bad.put("secret-file", "/etc/passwd");
        bad.put("start", "yesterday");
        bad.put("type", List.of("created", "exploded"));
        bad.put("max-attempts", "many");
        bad.put("retry-initial", "soon");
        bad.put("enabled", "yes");
        bad.put("colour", "blue");
        bad.put("connection", Map.of("a", "b"));
        JsonPath problem = given().contentType(ContentType.JSON).body(bad).put("/api/v1/sinks/api-bad")
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        List<String> names = problem.getList("'invalid-params'.name");
        assertTrue(names.containsAll(List.of("secret-file", "start", "type", "max-attempts", "retry-initial",
                "enabled", "colour", "connection")), problem.prettify());
        given().get("/api/v1/sinks/api-bad").then().statusCode(404);
        assertEquals(0, count("SELECT COUNT(*) FROM managed_sink WHERE name = 'api-bad'"));

        // The kind's own checks, as for a configured sink: the URL, a secret that is no Standard Webhooks secret.
        Map<String, Object> kindProblems = webhook("api-bad", SinkReceivers.managed, "managed-bad");
        kindProblems.put("url", "ftp://example.test/");
        given().contentType(ContentType.JSON).body(kindProblems).put("/api/v1/sinks/api-bad").then()
                .statusCode(400).body("'invalid-params'[0].name", equalTo("url"));
        kindProblems.put("url", SinkReceivers.managed.url("api-bad"));
        kindProblems.put("secret", "not-a-secret");
        String answer = given().contentType(ContentType.JSON).body(kindProblems).put("/api/v1/sinks/api-bad").then()
                .statusCode(400).body("'invalid-params'[0].name", equalTo("secret")).extract().asString();
        assertFalse(answer.contains("not-a-secret"), "the secret is not echoed in the problem: " + answer);
        kindProblems.remove("secret");
        given().contentType(ContentType.JSON).body(kindProblems).put("/api/v1/sinks/api-bad").then()
                .statusCode(400).body("'invalid-params'[0].name", equalTo("secret"));

        Map<String, Object> unknownKind = new HashMap<>();
        unknownKind.put("kind", "carrier-pigeon");
        given().contentType(ContentType.JSON).body(unknownKind).put("/api/v1/sinks/api-bad").then()
                .statusCode(400).body("'invalid-params'[0].name", equalTo("kind"));
        given().contentType(ContentType.JSON).body(Map.of()).put("/api/v1/sinks/api-bad").then()
                .statusCode(400).body("'invalid-params'[0].name", equalTo("kind"));
        given().contentType(ContentType.JSON).body(webhook("x", SinkReceivers.managed, "managed-bad"))
                .put("/api/v1/sinks/Bad_Name").then().statusCode(400)
                .body("'invalid-params'[0].name", equalTo("name"));
        given().contentType(ContentType.JSON).body("[1, 2]").put("/api/v1/sinks/api-bad").then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(0, count("SELECT COUNT(*) FROM managed_sink WHERE name IN ('api-bad', 'Bad_Name')"));
    }

    @Test
    void aKafkaSinkIsCheckedByItsKindAndItsPasswordPropertiesAreSecrets() throws SQLException {
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("kind", "kafka");
        kafka.put("topic", "activity");
        kafka.put("producer.acks", "1");
        JsonPath problem = given().contentType(ContentType.JSON).body(kafka).put("/api/v1/sinks/api-kafka").then()
                .statusCode(400).extract().jsonPath();
        assertEquals(List.of("bootstrap-servers"), problem.getList("'invalid-params'.name"), problem.prettify());
        kafka.put("bootstrap-servers", "127.0.0.1:1");
        given().contentType(ContentType.JSON).body(kafka).put("/api/v1/sinks/api-kafka").then().statusCode(400)
                .body("'invalid-params'[0].name", equalTo("producer.acks"));
        kafka.remove("producer.acks");
        kafka.put("producer.ssl.key.password", "hunter2-kafka");
        kafka.put("producer.compression.type", "lz4");
        String created = given().contentType(ContentType.JSON).body(kafka).put("/api/v1/sinks/api-kafka").then()
                .statusCode(201).body("kind", equalTo("kafka"))
                .body("secrets", equalTo(List.of("producer.ssl.key.password")))
                .body("settings.'producer.compression.type'", equalTo("lz4")).extract().asString();
        assertFalse(created.contains("hunter2-kafka"), created);
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT settings, secrets FROM managed_sink WHERE name = 'api-kafka'");
                ResultSet rs = select.executeQuery()) {
            assertTrue(rs.next());
            assertFalse(rs.getString(1).contains("hunter2-kafka"), rs.getString(1));
            assertFalse(rs.getString(2).contains("hunter2-kafka"), rs.getString(2));
        }
        given().delete("/api/v1/sinks/api-kafka").then().statusCode(204);
    }

    @Test
    void sinksFromConfigurationAreReadOnly() {
        given().contentType(ContentType.JSON).body(webhook("hook-ok", SinkReceivers.ok, "sink-ok"))
                .put("/api/v1/sinks/hook-ok").then().statusCode(409).contentType("application/problem+json");
        given().delete("/api/v1/sinks/hook-ok").then().statusCode(409).contentType("application/problem+json");
        given().get("/api/v1/sinks/hook-ok").then().statusCode(200).body("origin", equalTo("configuration"))
                .body("settings", equalTo(null)).body("secrets", equalTo(List.of("secret")));
    }

    @Test
    void aChangeWrittenByAnotherInstanceTakesEffectHereWithinTheReloadInterval() throws Exception {
        WebhookReceiver r = SinkReceivers.managed;
        given().contentType(ContentType.JSON).body(webhook("api-c", r, "managed-c")).put("/api/v1/sinks/api-c")
                .then().statusCode(201).body("filter.connection", equalTo(List.of("managed-c")));
        // what another instance's PUT writes: new keys (the sealed secret kept), a new revision
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE managed_sink SET settings = ?,"
                        + " revision = ? WHERE name = 'api-c'")) {
            update.setString(1, "{\"connection\":\"managed-c2\",\"kind\":\"webhook\",\"start\":\"earliest\","
                    + "\"url\":\"" + r.url("api-c") + "\"}");
            update.setString(2, UUID.randomUUID().toString());
            assertEquals(1, update.executeUpdate());
        }
        await().atMost(WAIT).until(() -> List.of("managed-c2").equals(given().get("/api/v1/sinks/api-c")
                .then().extract().jsonPath().getList("filter.connection")));
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM managed_sink WHERE name = 'api-c'")) {
            delete.executeUpdate();
        }
        await().atMost(WAIT).until(() -> given().get("/api/v1/sinks/api-c").statusCode() == 404);
    }

    /** Waits until the sink's current runner delivered {@code n} events and is idle: its position is stored. */
    private static void awaitIdleAfter(String sink, long n) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath s = given().get("/api/v1/sinks/" + sink).then().statusCode(200).extract().jsonPath();
            assertEquals("idle", s.getString("state"), s.prettify());
            assertEquals(n, s.getLong("deliveries"), s.prettify());
        });
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> receivedIds(WebhookReceiver r) {
        return r.events().stream().map(WebhookReceiver.ReceivedEvent::id).toList();
    }

    private static List<String> ids(List<Stored> stored) {
        return stored.stream().map(Stored::id).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
