package io.activitygateway.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.scripted.ScriptedUpstream;
import io.activitygateway.model.EventIds;
import io.activitygateway.model.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The list and get endpoints over events ingested from the scripted source "beta" (page size 3, so ingest itself
 * spans pages). Every event in this class lives in the 2030-01 window, which no other test writes to.
 */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class EventsApiTest {

    private static final String WINDOW = "since=2030-01-01T00:00:00Z&until=2030-02-01T00:00:00Z";
    private static boolean seeded;

    private void seedOnce() {
        if (seeded) {
            return;
        }
        ScriptedUpstream upstream = ScriptedUpstream.shared();
        upstream.reset("beta");
        for (int i = 1; i <= 10; i++) {
            upstream.add("beta", "e-" + i, i % 2 == 0 ? "updated" : "created",
                    String.format("2030-01-%02dT12:00:00Z", i), "user-" + (i % 3), "doc-" + (i % 4));
        }
        // Two records at the same instant: the seq breaks the tie, so paging is still total.
        upstream.add("beta", "e-tie-a", "deleted", "2030-01-05T12:00:00Z", "user-9", "doc-9");
        upstream.add("beta", "e-tie-b", "deleted", "2030-01-05T12:00:00Z", "user-9", "doc-9");
        // The same upstream record twice (another page brings it again): stored once.
        upstream.add("beta", "e-3", "created", "2030-01-03T12:00:00Z", "user-0", "doc-3");
        upstream.append("beta", Json.mapper().createObjectNode().put("id", "e-changes").put("type", "updated")
                .put("at", "2030-01-20T08:30:00Z").put("actor", "user-7").put("object", "doc-7")
                .put("name", "Zoë's \"R&D\" <plan>")
                .set("changes", Json.mapper().createObjectNode().set("title",
                        Json.mapper().createArrayNode().add("old title").add("new title"))));
        Polls.pollAndWait("beta");
        seeded = true;
    }

    @Test
    void listsNewestFirstWithTheUnifiedSchema() {
        seedOnce();
        given().get("/api/v1/events?connection=beta&" + WINDOW + "&limit=1").then().statusCode(200)
                .contentType("application/json")
                .body("items[0].id", equalTo(EventIds.of("beta", "e-changes")))
                .body("items[0].seq", notNullValue())
                .body("items[0].source", equalTo("scripted"))
                .body("items[0].connection", equalTo("beta"))
                .body("items[0].sourceEventId", equalTo("e-changes"))
                .body("items[0].type", equalTo("updated"))
                .body("items[0].sourceType", equalTo("doc:updated"))
                .body("items[0].occurredAt", equalTo("2030-01-20T08:30:00Z"))
                .body("items[0].occurredAtPrecision", equalTo("second"))
                .body("items[0].recordedAt", nullValue())
                .body("items[0].ingestedAt", notNullValue())
                .body("items[0].actor.id", equalTo("user-7"))
                .body("items[0].actor.name", equalTo("User user-7"))
                .body("items[0].object.type", equalTo("document"))
                .body("items[0].object.id", equalTo("doc-7"))
                .body("items[0].object.name", equalTo("Zoë's \"R&D\" <plan>"))
                .body("items[0].container", nullValue())
                .body("items[0].changes[0].field", equalTo("title"))
                .body("items[0].changes[0].old", equalTo("old title"))
                .body("items[0].changes[0].new", equalTo("new title"))
                .body("items[0].summary", equalTo(""))
                .body("items[0]", not(hasKey("raw")))
                .body("items[0].keySet()", containsInAnyOrder("id", "seq", "source", "connection", "sourceEventId",
                        "type", "sourceType", "occurredAt", "occurredAtPrecision", "recordedAt", "ingestedAt", "actor",
                        "object", "container", "changes", "summary"))
                .body("items[0].actor.keySet()", containsInAnyOrder("id", "name", "email"))
                .body("items[0].object.keySet()", containsInAnyOrder("type", "id", "name", "url"))
                .body("items[0].changes[0].keySet()", containsInAnyOrder("field", "old", "new"));
    }

    @Test
    void duplicatesAreStoredOnce() {
        seedOnce();
        List<String> ids = given().get("/api/v1/events?connection=beta&" + WINDOW + "&limit=1000").then()
                .statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertEquals(13, ids.size(), "10 + 2 ties + 1 with changes; the repeated e-3 is not doubled");
        assertEquals(13, new HashSet<>(ids).size());
    }

    @Test
    void pagesWithACursorCoverEverythingOnceInBothOrders() {
        seedOnce();
        for (String order : new String[] { "occurred_desc", "occurred_asc" }) {
            List<String> seen = new ArrayList<>();
            List<Instant> times = new ArrayList<>();
            String url = "/api/v1/events?connection=beta&" + WINDOW + "&limit=4&order=" + order;
            String cursor = null;
            int pages = 0;
            do {
                Response r = given().get(url + (cursor == null ? "" : "&cursor=" + cursor));
                r.then().statusCode(200);
                seen.addAll(r.jsonPath().getList("items.id", String.class));
                r.jsonPath().getList("items.occurredAt", String.class).forEach(t -> times.add(Instant.parse(t)));
                cursor = r.jsonPath().getString("nextCursor");
                if (cursor != null) {
                    String link = r.header("Link");
                    assertNotNull(link, "a next page has a Link header");
                    assertTrue(link.endsWith("; rel=\"next\""), link);
                    assertTrue(link.contains("cursor=" + cursor), link);
                } else {
                    assertNull(r.header("Link"), "the last page has no next link");
                }
                pages++;
            } while (cursor != null);
            assertEquals(13, seen.size(), order);
            assertEquals(13, new HashSet<>(seen).size(), order + ": no event twice");
            assertEquals(4, pages, order);
            for (int i = 1; i < times.size(); i++) {
                int cmp = times.get(i - 1).compareTo(times.get(i));
                assertTrue(order.equals("occurred_desc") ? cmp >= 0 : cmp <= 0, order + " at " + i);
            }
        }
    }

    @Test
    void aCursorStaysStableWhileNewEventsArrive() {
        seedOnce();
        Set<String> original = new HashSet<>(given().get("/api/v1/events?connection=beta&" + WINDOW + "&limit=1000")
                .jsonPath().getList("items.id", String.class));
        // A wider window than the other tests use, so the event added here changes no other test's answer.
        String url = "/api/v1/events?connection=beta&since=2030-01-01T00:00:00Z&until=2030-03-01T00:00:00Z&limit=5";
        Response first = given().get(url);
        List<String> seen = new ArrayList<>(first.jsonPath().getList("items.id", String.class));
        String cursor = first.jsonPath().getString("nextCursor");
        ScriptedUpstream.shared().add("beta", "late-new", "created", "2030-02-15T00:00:00Z", "user-1", "doc-1");
        Polls.pollAndWait("beta");
        while (cursor != null) {
            Response r = given().get(url + "&cursor=" + cursor);
            seen.addAll(r.jsonPath().getList("items.id", String.class));
            cursor = r.jsonPath().getString("nextCursor");
        }
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no event repeated across pages");
        assertEquals(original, new HashSet<>(seen), "every event that existed when the walk began, once");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "type=updated|6",
            "type=created,deleted|7",
            "type=created&type=deleted|7",
            "actorId=user-9|2",
            "objectId=doc-9,doc-7|3",
            "objectType=document&type=deleted|2",
            "containerId=space-1|12",
            "sourceType=doc:deleted|2",
            "source=scripted&connection=beta|13",
            "since=2030-01-05T12:00:00Z&until=2030-01-06T12:00:00Z|3",
            "since=2030-01-05T13:00:00%2B01:00&until=2030-01-06T12:00:00Z|3",
            "since=2030-01-05T13:00:00+01:00&until=2030-01-06T12:00:00Z|3",
    })
    void filtersNarrowTheList(String filter, int expected) {
        seedOnce();
        String url = "/api/v1/events?connection=beta&limit=1000&" + filter
                + (filter.contains("since") ? "" : "&" + WINDOW);
        int count = given().urlEncodingEnabled(false).get(url).then().statusCode(200)
                .extract().jsonPath().getList("items").size();
        assertEquals(expected, count, filter);
    }

    @Test
    void includeRawAddsTheUpstreamRecord() {
        seedOnce();
        String id = EventIds.of("beta", "e-1");
        given().get("/api/v1/events/" + id + "?include=raw").then().statusCode(200)
                .body("raw.id", equalTo("e-1")).body("raw.at", equalTo("2030-01-01T12:00:00Z"));
        given().get("/api/v1/events?connection=beta&" + WINDOW + "&include=raw&limit=3").then().statusCode(200)
                .body("items.raw", everyItem(notNullValue()));
    }

    @Test
    void getsOneEventAndAnswers404ForAnUnknownId() {
        seedOnce();
        String id = EventIds.of("beta", "e-2");
        given().get("/api/v1/events/" + id).then().statusCode(200).body("id", equalTo(id))
                .body("sourceEventId", equalTo("e-2")).body("$", not(hasKey("raw")));
        given().get("/api/v1/events/does-not-exist").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not found"))
                .body("detail", containsString("does-not-exist"))
                .body("instance", equalTo("/api/v1/events/does-not-exist"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "limit=0|limit|from 1 to 1000",
            "limit=1001|limit|from 1 to 1000",
            "limit=ten|limit|not a whole number",
            "limit=5&limit=6|limit|only once",
            "order=newest|order|occurred_desc or occurred_asc",
            "type=happened|type|not an event type",
            "source=jira|source|not a source kind",
            "since=yesterday|since|ISO-8601",
            "since=2030-01-01T00:00:00|since|with an offset",
            "until=2030-13-01T00:00:00Z|until|ISO-8601",
            "since=2030-01-02T00:00:00Z&until=2030-01-01T00:00:00Z|until|must be after since",
            "cursor=not-a-cursor|cursor|not a cursor",
            "include=everything|include|only raw",
            "type=|type|must not be empty",
            "actorId=,|actorId|must not be empty",
            "sources=kantata|sources|not a parameter",
    })
    void badParametersAre400ProblemsNamingTheParameter(String query, String param, String reason) {
        given().urlEncodingEnabled(false).get("/api/v1/events?" + query).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:activity-gateway:problem:invalid-parameter"))
                .body("status", equalTo(400))
                .body("'invalid-params'.find { it.name == '" + param + "' }.reason", containsString(reason))
                .body("detail", containsString(param));
    }

    @Test
    void aCursorCannotBeReusedWithOtherFiltersOrOrder() {
        seedOnce();
        String cursor = given().get("/api/v1/events?connection=beta&" + WINDOW + "&limit=2").then().statusCode(200)
                .extract().jsonPath().getString("nextCursor");
        given().get("/api/v1/events?connection=beta&" + WINDOW + "&limit=2&order=occurred_asc&cursor=" + cursor)
                .then().statusCode(400).body("'invalid-params'[0].reason", containsString("order=occurred_desc"));
        given().get("/api/v1/events?connection=alpha&" + WINDOW + "&limit=2&cursor=" + cursor)
                .then().statusCode(400).body("'invalid-params'[0].reason", containsString("other filters"));
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/events").then().statusCode(405).contentType("application/problem+json");
        given().get("/api/v1/events/x?limit=3").then().statusCode(400).contentType("application/problem+json")
                .body("'invalid-params'[0].name", equalTo("limit"));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/events"))
                .body("paths", hasKey("/api/v1/events/{id}"))
                .body("paths", hasKey("/api/v1/sources"))
                .body("paths", hasKey("/api/v1/sources/{name}/poll"));
    }
}
