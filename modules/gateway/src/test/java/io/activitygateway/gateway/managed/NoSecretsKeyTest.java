package io.activitygateway.gateway.managed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.scripted.ScriptedUpstream;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without gateway.secrets.key the API refuses to store a secret rather than keep it in the clear. */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class NoSecretsKeyTest {

    @Test
    void aTokenIsRefusedWithAProblemNamingTheMissingKey() {
        Map<String, Object> body = Map.of("kind", "scripted", "token", ScriptedUpstream.TOKEN,
                "base-url", ScriptedUpstream.shared().baseUrl("runtime-nokey").toString());
        given().contentType(ContentType.JSON).body(body).put("/api/v1/sources/runtime-nokey").then().statusCode(400)
                .body("'invalid-params'[0].name", equalTo("token"))
                .body("'invalid-params'[0].reason", containsString("gateway.secrets.key"));
        given().get("/api/v1/sources/runtime-nokey").then().statusCode(404);
    }
}
