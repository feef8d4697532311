package io.activitygateway.gateway.managed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.api.Polls;
import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.scripted.ScriptedUpstream;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Connections created, changed, disabled and deleted through the API, without a restart. */
@QuarkusTest
@TestProfile(ManagedConnectionsProfile.class)
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class ManagedConnectionsApiTest {

    private final ScriptedUpstream upstream = ScriptedUpstream.shared();

    @Inject
    AgroalDataSource dataSource;

    private Map<String, Object> body(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "scripted");
        body.put("base-url", upstream.baseUrl(name).toString());
        body.put("token", ScriptedUpstream.TOKEN);
        body.put("poll-interval", "1h");
        body.put("page-size", 2);
        return body;
    }

    @Test
    void createdThroughTheApiItPollsAtOnceAndItsTokenIsNeverShownNorStoredInTheClear() throws Exception {
        upstream.add("runtime-a", "r-1", "created", "2026-02-01T10:00:00Z", "u1", "o1");
        upstream.add("runtime-a", "r-2", "created", "2026-02-01T10:01:00Z", "u1", "o2");
        upstream.add("runtime-a", "r-3", "created", "2026-02-01T10:02:00Z", "u1", "o3");
        String created = given().contentType(ContentType.JSON).body(body("runtime-a"))
                .put("/api/v1/sources/runtime-a").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/sources/runtime-a"))
                .body("origin", equalTo("api")).body("secrets", equalTo(List.of("token")))
                .body("settings.page-size", equalTo("2")).extract().asString();
        assertFalse(created.contains(ScriptedUpstream.TOKEN), created);

        JsonPath status = Polls.pollAndWait("runtime-a");
        assertEquals(3, status.getLong("eventsIngested"), "polled with the token it was given");
        String listed = given().get("/api/v1/sources").then().statusCode(200)
                .body("name", hasItems("alpha", "runtime-a")).extract().asString();
        assertFalse(listed.contains(ScriptedUpstream.TOKEN));

        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT settings, secrets FROM managed_connection WHERE name = 'runtime-a'");
                ResultSet rs = select.executeQuery()) {
            assertTrue(rs.next());
            assertFalse(rs.getString(1).contains(ScriptedUpstream.TOKEN), "settings hold no secret");
            assertTrue(rs.getString(2).startsWith("v1:"), rs.getString(2));
            assertFalse(rs.getString(2).contains(ScriptedUpstream.TOKEN), "the secret is sealed");
        }
    }

    @Test
    void changedDisabledEnabledAndDeletedWithoutARestartKeepingTheSecretItWasNotSentAgain() {
        upstream.add("runtime-b", "b-1", "created", "2026-02-01T10:00:00Z", "u1", "o1");
        given().contentType(ContentType.JSON).body(body("runtime-b")).put("/api/v1/sources/runtime-b").then()
                .statusCode(201);
        assertEquals(1, Polls.pollAndWait("runtime-b").getLong("eventsIngested"));

        Map<String, Object> disabled = body("runtime-b");
        disabled.remove("token");
        disabled.put("enabled", false);
        given().contentType(ContentType.JSON).body(disabled).put("/api/v1/sources/runtime-b").then().statusCode(200)
                .body("state", equalTo("disabled")).body("enabled", equalTo(false))
                .body("secrets", equalTo(List.of("token")));
        given().post("/api/v1/sources/runtime-b/poll").then().statusCode(409);

        upstream.add("runtime-b", "b-2", "created", "2026-02-01T10:05:00Z", "u1", "o2");
        Map<String, Object> enabled = body("runtime-b");
        enabled.remove("token");
        enabled.put("poll-interval", "2h");
        given().contentType(ContentType.JSON).body(enabled).put("/api/v1/sources/runtime-b").then().statusCode(200)
                .body("pollInterval", equalTo("2h"));
        JsonPath status = Polls.pollAndWait("runtime-b");
        assertEquals(2, status.getLong("eventsIngested"), "the kept token still works: " + status.prettify());

        given().delete("/api/v1/sources/runtime-b").then().statusCode(204);
        given().get("/api/v1/sources/runtime-b").then().statusCode(404);
        given().delete("/api/v1/sources/runtime-b").then().statusCode(404);
        given().post("/api/v1/sources/runtime-b/poll").then().statusCode(404);
        given().get("/api/v1/events?connection=runtime-b").then().statusCode(200).body("items.size()", equalTo(2));
    }

    @Test
    void everyProblemAtOnceEachNamingItsKeyAsStartUpWould() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("kind", "scripted");
        bad.put("base-url", "ftp://example.test/");
        bad.put("poll-interval", "soon");
        bad.put("enabled", "yes");
        bad.put("colour", "blue");
        bad.put("token-file", "/etc/passwd");
        JsonPath problem = given().contentType(ContentType.JSON).body(bad).put("/api/v1/sources/runtime-bad")
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        List<String> names = problem.getList("'invalid-params'.name");
        assertTrue(names.containsAll(List.of("base-url", "poll-interval", "enabled", "colour", "token-file")),
                problem.prettify());
        given().get("/api/v1/sources/runtime-bad").then().statusCode(404);

        Map<String, Object> unknownKind = new HashMap<>();
        unknownKind.put("kind", "nope");
        given().contentType(ContentType.JSON).body(unknownKind).put("/api/v1/sources/runtime-bad").then()
                .statusCode(400).body("'invalid-params'[0].name", equalTo("kind"));

        given().contentType(ContentType.JSON).body(body("bad-name")).put("/api/v1/sources/Bad_Name").then()
                .statusCode(400).body("'invalid-params'[0].name", equalTo("name"));
    }

    @Test
    void connectionsFromConfigurationAreReadOnly() {
        given().contentType(ContentType.JSON).body(body("alpha")).put("/api/v1/sources/alpha").then().statusCode(409)
                .contentType("application/problem+json");
        given().delete("/api/v1/sources/alpha").then().statusCode(409).contentType("application/problem+json");
        given().get("/api/v1/sources/alpha").then().statusCode(200).body("origin", equalTo("configuration"));
    }

    @Test
    void aChangeWrittenByAnotherInstanceTakesEffectHereWithinTheReloadInterval() throws Exception {
        given().contentType(ContentType.JSON).body(body("runtime-c")).put("/api/v1/sources/runtime-c").then()
                .statusCode(201).body("pollInterval", equalTo("1h"));
        // what another instance's PUT writes: new keys, a new revision
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE managed_connection SET settings = ?,"
                        + " revision = ? WHERE name = 'runtime-c'")) {
            update.setString(1, "{\"base-url\":\"" + upstream.baseUrl("runtime-c") + "\",\"kind\":\"scripted\","
                    + "\"poll-interval\":\"3h\"}");
            update.setString(2, UUID.randomUUID().toString());
            assertEquals(1, update.executeUpdate());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "3h".equals(Polls.status("runtime-c")
                .getString("pollInterval")));
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM managed_connection WHERE name = ?")) {
            delete.setString(1, "runtime-c");
            delete.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/sources/runtime-c").statusCode()
                == 404);
    }
}
