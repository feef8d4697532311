package io.activitygateway.gateway.page;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.activitygateway.gateway.deploy.DeployedProfile;
import io.activitygateway.gateway.scripted.ScriptedSources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The page and the docs are served by the gateway and public with access control on (they hold no data; the page
 * asks for a key), while the API stays closed. What the page does is tested in a browser (modules/browser-tests).
 */
@QuarkusTest
@TestProfile(DeployedProfile.class)
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class ActivityPageTest {

    @Test
    void thePageItsAssetsAndTheDocsArePublicAndTheApiIsNot() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<script src=\"app.js\" defer></script>"))
                .header("Cache-Control", not(containsString("immutable")));
        given().get("/app.js").then().statusCode(200).body(containsString("textContent"))
                .body(containsString("EventSource"));
        given().get("/app.css").then().statusCode(200);
        given().get("/docs/api.md").then().statusCode(200).body(containsString("GET /api/v1/events/counts"));
        given().get("/docs/images/activity-page.png").then().statusCode(200);
        given().get("/api/v1/events").then().statusCode(401);
        given().get("/api/v1/events/counts").then().statusCode(401);
    }

    @Test
    void thePageNeverHandsUpstreamTextToTheHtmlParser() {
        // The escaping rule of the page, checked where it could be broken: no innerHTML, outerHTML,
        // insertAdjacentHTML or document.write anywhere in its script.
        given().get("/app.js").then().statusCode(200)
                .body(not(containsString("innerHTML"))).body(not(containsString("outerHTML")))
                .body(not(containsString("insertAdjacentHTML"))).body(not(containsString("document.write")));
    }
}
