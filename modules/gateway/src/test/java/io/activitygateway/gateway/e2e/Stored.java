package io.activitygateway.gateway.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads every stored event of a connection through the list API, following the cursor. */
final class Stored {

    private Stored() {
    }

    static List<Map<String, Object>> events(String connection) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().queryParam("connection", connection).queryParam("limit", 1000)
                    .queryParam("order", "occurred_asc")
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }
}
