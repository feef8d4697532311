package io.activitygateway.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.activitygateway.gateway.deploy.DeployedProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** CORS switched on for one origin: browsers there may call the API with a key, and read its refusals. */
@QuarkusTest
@TestProfile(DeployedProfile.class)
class CorsTest {

    private static final String ORIGIN = DeployedProfile.CORS_ORIGIN;

    @Test
    void aPreflightNeedsNoKey() {
        given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/api/v1/events").then().statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN);
    }

    @Test
    void anAllowedOriginReadsAnswersAndTheirPagingHeaders() {
        Keys.asAdmin().header("Origin", ORIGIN).get("/api/v1/events").then().statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Expose-Headers", containsString("Link"));
    }

    @Test
    void aRefusalCarriesTheCorsHeadersSoTheBrowserCanReadIt() {
        given().header("Origin", ORIGIN).get("/api/v1/me").then().statusCode(401)
                .header("Access-Control-Allow-Origin", ORIGIN);
    }

    @Test
    void anotherOriginIsNotAllowed() {
        given().header("Origin", "https://elsewhere.example.test").get("/api/v1/me").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://elsewhere.example.test").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/events").then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theOriginIsEchoedOnlyForTheOneAllowed() {
        Keys.asAdmin().header("Origin", ORIGIN).get("/api/v1/sources").then()
                .header("Access-Control-Allow-Origin", equalTo(ORIGIN));
    }
}
