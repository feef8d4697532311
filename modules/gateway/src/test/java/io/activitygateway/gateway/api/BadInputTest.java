package io.activitygateway.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What HTTP clients would not send, sent raw: each answered with a problem that says what is wrong, never a 500. */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class BadInputTest {

    private static RawHttp.Answer get(String target, String... headers) throws IOException {
        return RawHttp.send(RestAssured.port, "GET", target, headers);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/events?source=%%%", "/api/v1/events?source=%zz", "/api/v1/events?objectId=a%",
            "/api/v1/sources?x=%G1" })
    void aMalformedPercentEncodingNamesTheParameter(String target) throws IOException {
        RawHttp.Answer answer = get(target);
        assertEquals(400, answer.status(), answer.toString());
        assertTrue(answer.isProblem(), answer.toString());
        assertTrue(answer.body().contains("percent-encoding"), answer.body());
        String name = target.substring(target.indexOf('?') + 1).split("=")[0];
        assertTrue(answer.body().contains("\"name\":\"" + name + "\""), answer.body());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/events?objectId={x}", "/api/v1/events?objectId=a|b", "/api/v1/{events}",
            "/api/v1/events?q=\"x\"", "/api/v1/events?x=a^b", "/api/v1/ev%zzents" })
    void aTargetThatIsNoUriIsAProblem(String target) throws IOException {
        RawHttp.Answer answer = get(target);
        assertEquals(400, answer.status(), answer.toString());
        assertTrue(answer.isProblem(), answer.toString());
    }

    @Test
    void anOverlongRequestLineIsA414Problem() throws IOException {
        RawHttp.Answer answer = get("/api/v1/events?objectId=" + "a".repeat(10_000));
        assertEquals(414, answer.status(), answer.toString());
        assertTrue(answer.isProblem(), answer.toString());
        assertTrue(answer.body().contains("gateway.api.max-uri-length"), answer.body());
    }

    @Test
    void aHugeHeaderIsA431Problem() throws IOException {
        RawHttp.Answer answer = get("/api/v1/events", "X-Big: " + "b".repeat(100_000));
        assertEquals(431, answer.status(), answer.toString());
        assertTrue(answer.isProblem(), answer.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/events", "/api/v1/events/no-such-id", "/api/v1/sources", "/api/v1/sources/alpha" })
    void anEmptyAcceptHeaderIsServedAsJson(String target) throws IOException {
        RawHttp.Answer answer = get(target, "Accept:");
        assertTrue(answer.status() == 200 || answer.status() == 404, answer.toString());
        assertTrue(answer.header("content-type").startsWith(answer.status() == 200 ? "application/json"
                : "application/problem+json"), answer.toString());
    }

    @Test
    void aLiteralSemicolonIsPartOfTheValue() throws IOException {
        RawHttp.Answer answer = get("/api/v1/events?objectId=a;limit=5000");
        assertEquals(200, answer.status(), "';' does not start a parameter 'limit': " + answer);
        RawHttp.Answer unknown = get("/api/v1/sources?a;b=1");
        assertEquals(400, unknown.status(), unknown.toString());
        assertTrue(unknown.body().contains("\"name\":\"a;b\""), unknown.body());
    }

    @Test
    void aWrongMethodIsA405ProblemWithAllow() {
        String allow = given().delete("/api/v1/events").then().statusCode(405)
                .contentType("application/problem+json").extract().header("Allow");
        assertNotNull(allow, "405 carries Allow");
        assertTrue(allow.contains("GET"), allow);
        String pollAllow = given().get("/api/v1/sources/alpha/poll").then().statusCode(405)
                .contentType("application/problem+json").extract().header("Allow");
        assertNotNull(pollAllow);
        assertTrue(pollAllow.contains("POST"), pollAllow);
    }

    @Test
    void unknownParametersAreRefusedOnTheSourceEndpoints() {
        given().get("/api/v1/sources?verbose=1").then().statusCode(400).contentType("application/problem+json")
                .body("invalid-params.name", hasItem("verbose"));
        given().get("/api/v1/sources/alpha?x=1").then().statusCode(400).body("invalid-params.name", hasItem("x"));
        given().post("/api/v1/sources/alpha/poll?now=yes").then().statusCode(400)
                .body("invalid-params.name", hasItem("now"));
        given().get("/api/v1/sources/alpha/record-problems?limit=5&lmit=6").then().statusCode(400)
                .body("invalid-params.name", hasItem("lmit"))
                .body("detail", containsString("lmit"));
        given().get("/api/v1/sources/alpha/record-problems?limit=5").then().statusCode(200);
    }

    @Test
    void anUnknownPathIsA404Problem() {
        given().get("/api/v1/nothing").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
