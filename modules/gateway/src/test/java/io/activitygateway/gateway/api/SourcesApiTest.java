package io.activitygateway.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.scripted.ScriptedUpstream;
import io.activitygateway.gateway.scripted.ScriptedUpstream.Fault;
import io.activitygateway.model.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class SourcesApiTest {

    private final ScriptedUpstream upstream = ScriptedUpstream.shared();

    @Test
    void listsEveryConfiguredConnectionWithoutCredentials() {
        String body = given().get("/api/v1/sources").then().statusCode(200)
                .body("name", hasItems("alpha", "beta", "gamma", "delta"))
                .body("find { it.name == 'alpha' }.kind", equalTo("scripted"))
                .body("find { it.name == 'alpha' }.pollInterval", equalTo("1h"))
                .body("find { it.name == 'alpha' }.lookback", equalTo("5m"))
                .body("find { it.name == 'gamma' }.state", equalTo("disabled"))
                .body("find { it.name == 'gamma' }.enabled", equalTo(false))
                .extract().asString();
        assertFalse(body.contains(ScriptedUpstream.TOKEN), "the token must never appear");
        assertFalse(body.contains("not-the-right-token"), "the token must never appear");
    }

    @Test
    void aSuccessfulPollShowsCountsCheckpointAndTimes() {
        upstream.add("alpha", "a-1", "created", "2026-11-20T10:00:00Z", "u1", "doc-1");
        upstream.add("alpha", "a-2", "updated", "2026-11-20T10:05:00Z", "u2", "doc-1");
        long before = Polls.status("alpha").getLong("eventsIngested");

        JsonPath status = Polls.pollAndWait("alpha");

        assertEquals("idle", status.getString("state"));
        assertTrue(status.getLong("eventsIngested") >= before + 2);
        assertNotNull(status.getString("lastSuccessAt"));
        assertTrue(!Instant.parse(status.getString("newestEventAt")).isBefore(Instant.parse("2026-11-20T10:05:00Z")),
                "the newest event, apart from the last success: " + status.getString("newestEventAt"));
        assertEquals("0s", status.getString("sourceClockOffset"), "the upstream's Date agrees with our clock");
        assertEquals(0, status.getInt("consecutiveFailures"));
        assertTrue(status.getInt("checkpoint.after") >= 2, "checkpoint is shown as the adapter's JSON");
        Instant next = Instant.parse(status.getString("nextPollAt"));
        assertTrue(next.isAfter(Instant.now().plusSeconds(3000)), "next poll after the 1h interval: " + next);
    }

    @Test
    void refusedCredentialsStopPollingWithAClearMessage() {
        JsonPath status = Polls.pollAndWait("delta");

        assertEquals("failing", status.getString("state"));
        assertNull(status.getString("nextPollAt"), "no automatic retry after the credentials were refused");
        assertEquals(401, status.getInt("lastError.httpStatus"));
        String message = status.getString("lastError.message");
        assertTrue(message.contains("credentials refused"), message);
        assertTrue(message.contains("POST /api/v1/sources/delta/poll"), message);
        assertFalse(message.contains("not-the-right-token"));
        int requests = upstream.requests("delta").size();
        assertEquals(1, requests, "a 401 is not retried");
    }

    @Test
    void aFailureBeyondTheRetriesBacksOffAndKeepsTheCheckpoint() {
        upstream.reset("beta");
        upstream.add("beta", "b-1", "created", "2026-11-20T10:00:00Z", "u1", "doc-9");
        Polls.pollAndWait("beta");
        String checkpoint = Polls.status("beta").getString("checkpoint.after");
        upstream.add("beta", "b-2", "created", "2026-11-20T10:01:00Z", "u1", "doc-9");
        upstream.fail("beta", Fault.status(503), Fault.status(503), Fault.status(503));

        JsonPath status = Polls.pollAndWait("beta");

        assertEquals("backing_off", status.getString("state"));
        assertEquals(1, status.getInt("consecutiveFailures"));
        assertEquals(503, status.getInt("lastError.httpStatus"));
        assertEquals(checkpoint, status.getString("checkpoint.after"), "nothing committed, nothing skipped");
        assertTrue(Instant.parse(status.getString("nextPollAt")).isAfter(Instant.now().plusSeconds(240)),
                "backs off (10m initial, jittered down to half at most)");

        JsonPath recovered = Polls.pollAndWait("beta");
        assertEquals("idle", recovered.getString("state"));
        assertEquals(0, recovered.getInt("consecutiveFailures"));
        assertNotNull(recovered.getString("lastError.message"), "the last error stays visible for the record");
    }

    @Test
    void aRetryAfterWithinTheRetryBudgetIsHonouredInsideThePoll() {
        upstream.reset("alpha");
        upstream.fail("alpha", Fault.retryAfter(429, "1"));
        long started = System.nanoTime();

        JsonPath status = Polls.pollAndWait("alpha");

        assertEquals("idle", status.getString("state"));
        assertTrue(upstream.requests("alpha").size() >= 2, "the 429 was retried");
        assertTrue(System.nanoTime() - started >= 1_000_000_000L, "waited the second the source asked for");
    }

    @Test
    void warningsGapsAndRecordProblemsAreReported() {
        upstream.reset("alpha");
        upstream.extras("alpha", Json.mapper().createObjectNode().put("warning", "the sky is falling")
                .set("lost", Json.mapper().createObjectNode().put("from", "2026-11-01T00:00:00Z")
                        .put("to", "2026-11-02T00:00:00Z").put("reason", "retention ran out")));
        upstream.append("alpha", Json.mapper().createObjectNode().put("id", "broken-1").put("type", "created"));

        JsonPath status = Polls.pollAndWait("alpha");
        upstream.extras("alpha", Json.mapper().createObjectNode());

        assertEquals("the sky is falling", status.getString("warnings[0]"));
        assertEquals("2026-11-01T00:00:00Z", status.getString("gaps[0].from"));
        assertEquals("2026-11-02T00:00:00Z", status.getString("gaps[0].to"));
        assertEquals("retention ran out", status.getString("gaps[0].reason"));
        assertTrue(status.getLong("recordProblems") >= 1);
        given().get("/api/v1/sources/alpha/record-problems").then().statusCode(200)
                .body("[0].reason", containsString("unreadable record"))
                .body("[0].raw", containsString("broken-1"))
                .body("[0].eventStored", equalTo(false));
    }

    @Test
    void unknownConnectionIs404Problem() {
        given().get("/api/v1/sources/nope").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("urn:activity-gateway:problem:not-found"))
                .body("detail", containsString("nope"));
        given().post("/api/v1/sources/nope/poll").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void pollingADisabledConnectionIsAConflict() {
        given().post("/api/v1/sources/gamma/poll").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("enabled=false"));
    }

    @Test
    void pollReturns202WithTheStatus() {
        given().post("/api/v1/sources/alpha/poll").then().statusCode(202)
                .body("name", equalTo("alpha")).body("state", not(nullValue())).body("kind", notNullValue());
    }

    @Test
    void badLimitOnRecordProblemsIs400() {
        given().get("/api/v1/sources/alpha/record-problems?limit=0").then().statusCode(400)
                .contentType("application/problem+json").body("'invalid-params'[0].name", equalTo("limit"));
    }
}
