package io.activitygateway.gateway.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Objects;

/** Drives polls through the API the way an operator would, and waits for them to finish. */
public final class Polls {

    private Polls() {
    }

    /** POSTs a poll of the connection and waits until it has ended; returns the connection's status after it. */
    public static JsonPath pollAndWait(String connection) {
        String before = status(connection).getString("lastPollEndedAt");
        given().post("/api/v1/sources/{name}/poll", connection).then().statusCode(202);
        // generous: on a loaded 2-core machine a first poll of a few hundred events can take half a minute
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonPath s = status(connection);
            return !"polling".equals(s.getString("state")) && s.getString("lastPollEndedAt") != null
                    && !Objects.equals(before, s.getString("lastPollEndedAt"));
        });
        return status(connection);
    }

    public static JsonPath status(String connection) {
        return given().get("/api/v1/sources/{name}", connection).then().statusCode(200).extract().jsonPath();
    }
}
