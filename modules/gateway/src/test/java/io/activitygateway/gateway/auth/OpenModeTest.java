package io.activitygateway.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * Access control explicitly off (gateway.auth.mode=open, as the demo runs and as the tests' default profile sets
 * it), and the defaults that hold whatever the mode: CORS off, X-Forwarded-* not trusted.
 */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class OpenModeTest {

    @Test
    void everyoneIsAdminAndToldThatAccessControlIsOff() {
        given().get("/api/v1/me").then().statusCode(200).body("scope", equalTo("admin"))
                .body("accessControl", equalTo(false));
        given().header("Authorization", "Bearer whatever").get("/api/v1/me").then().statusCode(200)
                .body("accessControl", equalTo(false));
    }

    @Test
    void aPageAskingForAStreamTokenStillGetsOne() {
        given().post("/api/v1/stream-tokens").then().statusCode(201).body("token", startsWith("agt_"))
                .body("expiresAt", org.hamcrest.Matchers.notNullValue());
        // access_token is a parameter of the stream only, whatever the mode.
        given().queryParam("access_token", "agt_x").get("/api/v1/events").then().statusCode(400);
    }

    @Test
    void corsIsOffByDefault() {
        given().header("Origin", "https://page.example.test").get("/api/v1/sources").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void forwardedHeadersAreIgnoredUnlessEnabled() {
        String location = given().contentType("application/json").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "evil.example.test").body("{\"name\":\"open\",\"scope\":\"read\"}")
                .post("/api/v1/keys").then().statusCode(201).extract().header("Location");
        org.hamcrest.MatcherAssert.assertThat(location, startsWith(RestAssured.baseURI + ":" + RestAssured.port + "/"));
    }
}
