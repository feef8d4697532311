package io.activitygateway.gateway.auth;

import static io.restassured.RestAssured.given;

import io.activitygateway.gateway.deploy.DeployedProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** API keys for tests, made the way an operator makes them: with the bootstrap key, through the API. */
public final class Keys {

    /** A key made for a test: its id and its secret. */
    public record Made(String id, String secret) {
    }

    private Keys() {
    }

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    public static RequestSpecification asAdmin() {
        return as(DeployedProfile.BOOTSTRAP_KEY);
    }

    public static Made create(String name, String scope) {
        JsonPath made = asAdmin().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"scope\":\"" + scope + "\"}")
                .post("/api/v1/keys").then().statusCode(201).extract().jsonPath();
        return new Made(made.getString("id"), made.getString("key"));
    }
}
