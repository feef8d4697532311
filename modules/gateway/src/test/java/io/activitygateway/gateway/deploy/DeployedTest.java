package io.activitygateway.gateway.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.gateway.auth.Keys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The gateway started with deploy/kubernetes's configuration (the start-up itself proves every key is accepted: an
 * unknown gateway key or a bad connection stops it) answers the probes and the scrape the manifests point at.
 */
@QuarkusTest
@TestProfile(DeployedProfile.class)
class DeployedTest {

    /** The management interface's root (/q) on the port the tests got for it. */
    @TestHTTPResource(value = "", management = true)
    URL management;

    private String onManagementPort(String path) {
        String root = management.toString().replaceAll("/q/?$", "");
        return root + path;
    }

    @Test
    void everyProbeOfTheDeploymentIsAnsweredUp() {
        JsonNode container = RepoFiles.yaml("deploy/kubernetes/deployment.yaml").get(0)
                .at("/spec/template/spec/containers/0");
        for (String probe : new String[] { "startupProbe", "readinessProbe", "livenessProbe" }) {
            String path = container.path(probe).at("/httpGet/path").asText();
            given().get(onManagementPort(path)).then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.status", everyItem(equalTo("UP")));
        }
    }

    @Test
    void prometheusFindsTheMetricsWhereTheAnnotationsSay() {
        JsonNode annotations = RepoFiles.yaml("deploy/kubernetes/deployment.yaml").get(0)
                .at("/spec/template/metadata/annotations");
        given().get(onManagementPort(annotations.path("prometheus.io/path").asText())).then().statusCode(200)
                .body(containsString("gateway_feed_streams_open"))
                .body(containsString("gateway_api_access_denied_total"));
    }

    @Test
    void theConnectionsOfTheConfigMapAreThereAndOff() {
        // (The scripted connections of the other tests' global test resource are there too.)
        Keys.asAdmin().get("/api/v1/sources").then().statusCode(200)
                .body("findAll { it.kind == it.name }.name", containsInAnyOrder("kantata", "onehub", "worksection"))
                .body("findAll { it.kind == it.name }.state", everyItem(equalTo("disabled")));
    }
}
