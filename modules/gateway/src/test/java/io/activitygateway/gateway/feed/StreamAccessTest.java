package io.activitygateway.gateway.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.auth.Keys;
import io.activitygateway.gateway.deploy.DeployedProfile;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.EventType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stream with access control on: a browser (EventSource, no headers) opens it with a short-lived stream token, curl
 * with its key; anything else is an ordinary 401 problem, before a byte of the stream is sent.
 */
@QuarkusTest
@TestProfile(DeployedProfile.class)
class StreamAccessTest {

    @Inject
    EventStore store;
    @Inject
    EntityManager em;

    private static JsonPath token(String key) {
        return Keys.as(key).post("/api/v1/stream-tokens").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aStreamTokenOpensTheStreamAndDeliversEvents() throws IOException {
        Keys.Made reader = Keys.create("page", "read");
        JsonPath issued = token(reader.secret());
        String token = issued.getString("token");
        Instant expires = Instant.parse(issued.getString("expiresAt"));
        assertTrue(token.startsWith("agt_"), token);
        assertTrue(expires.isAfter(Instant.now().plus(Duration.ofMinutes(4)))
                && expires.isBefore(Instant.now().plus(Duration.ofMinutes(6))), "5 minutes: " + expires);

        try (SseClient stream = FeedFixture.stream("?connection=tokens&access_token=" + token)) {
            assertEquals(200, stream.status);
            assertEquals("resume", stream.next().event());
            List<FeedFixture.Stored> stored = FeedFixture.commit(store, "tokens", 3, EventType.CREATED, "u1");
            assertEquals(stored.stream().map(FeedFixture.Stored::id).toList(), FeedFixture.ids(stream.activities(3)));
        }
        // EventSource reconnects to the same URL: the token opens the stream again until it expires.
        try (SseClient again = FeedFixture.stream("?access_token=" + token)) {
            assertEquals(200, again.status);
        }
    }

    @Test
    void curlOpensTheStreamWithItsKey() throws IOException {
        try (SseClient stream = FeedFixture.stream("", Map.of("Authorization", "Bearer "
                + DeployedProfile.BOOTSTRAP_KEY))) {
            assertEquals(200, stream.status);
            assertEquals("resume", stream.next().event());
        }
    }

    @Test
    void withoutAValidTokenTheStreamIsA401Problem() throws IOException {
        String revokedKeysToken = revokedKeysToken();
        String expired = token(DeployedProfile.BOOTSTRAP_KEY).getString("token");
        expire(expired);
        for (String query : List.of("", "?access_token=agt_made-up", "?access_token=" + expired,
                "?access_token=" + revokedKeysToken, "?access_token=" + DeployedProfile.BOOTSTRAP_KEY)) {
            try (SseClient stream = FeedFixture.stream(query)) {
                assertEquals(401, stream.status, query);
                assertTrue(stream.headers.get("content-type").startsWith("application/problem+json"), query);
                assertTrue(stream.headers.get("www-authenticate").startsWith("Bearer"), query);
                assertTrue(stream.errorBody().contains("urn:activity-gateway:problem:unauthorized"), query);
            }
        }
    }

    @Test
    void aTokenIsHeldInTheSharedDatabaseSoEveryInstanceAcceptsIt() throws IOException {
        // Another instance issued this token: its only trace is the row it wrote to the database they share.
        String fromElsewhere = "agt_issued-by-another-instance-" + System.nanoTime();
        String bootstrapId = Keys.asAdmin().get("/api/v1/keys").then().extract().jsonPath()
                .getString("find { it.origin == 'bootstrap' && it.revokedAt == null }.id");
        insertToken(fromElsewhere, bootstrapId, Instant.now().plus(Duration.ofMinutes(2)));

        try (SseClient stream = FeedFixture.stream("?access_token=" + fromElsewhere)) {
            assertEquals(200, stream.status);
        }
        String issuedHere = token(DeployedProfile.BOOTSTRAP_KEY).getString("token");
        assertEquals(1L, tokenRows(sha256(issuedHere)), "stored by its hash");
        assertEquals(0L, tokenRows(issuedHere), "never by itself");
    }

    @Test
    void theTokenNeverReachesTheAccessLog() throws IOException {
        String token = token(DeployedProfile.BOOTSTRAP_KEY).getString("token");
        try (SseClient stream = FeedFixture.stream("?connection=logged&access_token=" + token)) {
            assertEquals(200, stream.status);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(DeployedProfile.accessLog())
                && Files.readString(DeployedProfile.accessLog()).contains("/api/v1/events/stream"));
        String log = Files.readString(DeployedProfile.accessLog(), StandardCharsets.UTF_8);
        assertFalse(log.contains(token), "the stream token is in the access log");
        assertFalse(log.contains(token.substring(4)), "the stream token is in the access log");
        assertFalse(log.contains(DeployedProfile.BOOTSTRAP_KEY), "a key is in the access log");
    }

    private String revokedKeysToken() {
        Keys.Made leaked = Keys.create("leaked page", "read");
        String token = token(leaked.secret()).getString("token");
        Keys.asAdmin().delete("/api/v1/keys/" + leaked.id()).then().statusCode(204);
        return token;
    }

    @Transactional
    void expire(String token) {
        em.createNativeQuery("UPDATE stream_token SET expires_at = ?1 WHERE token_hash = ?2")
                .setParameter(1, Instant.now().minusSeconds(1)).setParameter(2, sha256(token)).executeUpdate();
    }

    @Transactional
    void insertToken(String token, String keyId, Instant expiresAt) {
        em.createNativeQuery("INSERT INTO stream_token (token_hash, key_id, expires_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, sha256(token)).setParameter(2, keyId).setParameter(3, expiresAt).executeUpdate();
    }

    @Transactional
    long tokenRows(String hash) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM stream_token WHERE token_hash = ?1")
                .setParameter(1, hash).getSingleResult()).longValue();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
