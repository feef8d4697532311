package io.activitygateway.gateway.feed;

import static io.activitygateway.gateway.feed.FeedFixture.commit;
import static io.activitygateway.gateway.feed.FeedFixture.ids;
import static io.activitygateway.gateway.feed.FeedFixture.storedIds;
import static io.activitygateway.gateway.feed.FeedFixture.stream;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.EventType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code q}: free text in the summary, ignoring case, the same for the list and for the stream. */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class TextFilterTest {

    private static final String AT = "2034-04-04T04:04:04Z";

    @Inject
    EventStore store;

    /** One event per summary on {@code connection}, in this order; returns them by summary index. */
    private List<FeedFixture.Stored> seed(String connection) {
        List<FeedFixture.Stored> stored = new ArrayList<>();
        for (String summary : new String[] { "Zoë O'Brien uploaded R&D <plan>.pdf", "Chen <Wei> & Co renamed budget",
                "Ngozi deleted 100%_done", "Ngozi deleted 100 percent done", "" }) {
            stored.addAll(commit(store, connection, 1, EventType.UPDATED, "u1", AT, summary));
        }
        return stored;
    }

    private static List<String> listed(String connection, String q) {
        return given().queryParam("connection", connection).queryParam("q", q).queryParam("order", "occurred_asc")
                .get("/api/v1/events").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class);
    }

    @Test
    void theListMatchesTheSummaryIgnoringCaseAndTakesWildcardsLiterally() {
        List<FeedFixture.Stored> s = seed("text-list");
        assertEquals(List.of(s.get(0).id()), listed("text-list", "r&d <PLAN>"));
        assertEquals(List.of(s.get(1).id()), listed("text-list", "CHEN <wei>"));
        assertEquals(List.of(s.get(2).id(), s.get(3).id()), listed("text-list", "ngozi deleted 100"));
        // % and _ are text, not SQL wildcards.
        assertEquals(List.of(s.get(2).id()), listed("text-list", "100%_"));
        assertEquals(List.of(s.get(2).id()), listed("text-list", "%"));
        assertEquals(List.of(), listed("text-list", "_x"));
        assertEquals(List.of(), listed("text-list", "nobody"));
    }

    @Test
    void aCursorKeepsTheTextAndOtherTextIsAnotherQuery() {
        seed("text-paging");
        String next = given().get("/api/v1/events?connection=text-paging&q=ngozi&limit=1").then().statusCode(200)
                .extract().jsonPath().getString("nextCursor");
        given().get("/api/v1/events?connection=text-paging&q=ngozi&limit=1&cursor=" + next).then().statusCode(200);
        given().get("/api/v1/events?connection=text-paging&q=chen&limit=1&cursor=" + next).then().statusCode(400)
                .body("'invalid-params'[0].name", equalTo("cursor"));
    }

    @Test
    void theStreamFiltersReplayAndLiveByTheSameText() throws Exception {
        String start;
        try (SseClient client = stream("?connection=text-stream&q=ngozi")) {
            start = client.next().id();
        }
        List<FeedFixture.Stored> before = seed("text-stream");
        try (SseClient client = stream("?connection=text-stream&q=ngozi", Map.of("Last-Event-ID", start))) {
            client.next();
            assertEquals(storedIds(before.subList(2, 4)), ids(client.activities(2)));
            List<FeedFixture.Stored> live = seed("text-stream");
            assertEquals(storedIds(live.subList(2, 4)), ids(client.activities(2)));
            client.awaitComments(1);
        }
    }

    @Test
    void anEmptyOrOverlongTextIsA400NamingQ() {
        given().get("/api/v1/events?q=").then().statusCode(400).body("'invalid-params'[0].name", equalTo("q"));
        given().get("/api/v1/events?q=" + "x".repeat(201)).then().statusCode(400)
                .body("'invalid-params'[0].name", equalTo("q"))
                .body("'invalid-params'[0].reason", containsString("at most 200"));
        given().get("/api/v1/events/stream?q=" + "x".repeat(201)).then().statusCode(400)
                .body("'invalid-params'[0].name", equalTo("q"));
    }
}
