package io.activitygateway.gateway.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.activitygateway.gateway.api.Polls;
import io.activitygateway.gateway.scripted.ScriptedSources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Liveness, readiness and start-up on the management interface: what Kubernetes probes and operators read. */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class HealthTest {

    /** Relative to the management root, /q. */
    @TestHTTPResource(value = "health", management = true)
    URL health;

    @Test
    void livenessAndStartedAreUp() {
        given().get(health + "/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get(health + "/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessReflectsTheDatabase() {
        given().get(health + "/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }

    @Test
    void aFailingSourceKeepsTheInstanceReadyAndShowsInTheData() {
        // delta's token is refused: it ends failing, with polling stopped.
        assertEquals("failing", Polls.pollAndWait("delta").getString("state"));

        given().get(health + "/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'sources' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'sources' }.data.delta", equalTo("failing"))
                .body("checks.find { it.name == 'sources' }.data.gamma", equalTo("disabled"));
    }

    @Test
    void healthIsNotServedOnTheApiPort() {
        given().get("/q/health/ready").then().statusCode(404);
    }
}
