package io.activitygateway.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.Actor;
import io.activitygateway.model.EventIds;
import io.activitygateway.model.EventType;
import io.activitygateway.model.Json;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CloudEvents 1.0 structured JSON from the get and list endpoints, checked against the spec's rules for the
 * attributes: the required ones (id, source, specversion, type) and the optional ones we send, with their types.
 */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class CloudEventsApiTest {

    private static final String CONNECTION = "ce-conn";
    private static boolean seeded;

    record Position(int n) {
    }

    @Inject
    EventStore store;

    private void seedOnce() {
        if (seeded) {
            return;
        }
        List<SourceEvent> events = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            events.add(new SourceEvent("ce-" + i, "ce-" + i, i % 2 == 0 ? EventType.UPDATED : EventType.CREATED,
                    "time_entry:x", Instant.parse("2034-05-01T10:00:00Z").plusSeconds(i), null, null,
                    new Actor("u" + i, null, null), new ObjectRef("Time Entry", "te-" + i, null, null), null,
                    List.of(), "entry " + i, null));
        }
        store.commit(CONNECTION, "scripted", Batch.of(events, Checkpoint.of(new Position(1))));
        seeded = true;
    }

    private static JsonNode json(Response r) {
        try {
            return Json.mapper().readTree(r.asString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void oneEventAsACloudEventByAcceptOrFormat() {
        seedOnce();
        String id = EventIds.of(CONNECTION, "ce-3");
        JsonNode plain = json(given().get("/api/v1/events/" + id));
        Response byAccept = given().accept("application/cloudevents+json").get("/api/v1/events/" + id);
        byAccept.then().statusCode(200).contentType("application/cloudevents+json");
        CloudEventAssertions.assertValidCloudEvent(json(byAccept), plain);
        Response byFormat = given().get("/api/v1/events/" + id + "?format=cloudevents");
        byFormat.then().statusCode(200).contentType("application/cloudevents+json");
        assertEquals(json(byAccept), json(byFormat));
        assertEquals("io.activitygateway.scripted.time_entry.created", json(byFormat).path("type").asText());
        given().get("/api/v1/events/" + id + "?format=json").then().statusCode(200).contentType("application/json")
                .body("id", equalTo(id));
        given().get("/api/v1/events/" + id + "?format=xml").then().statusCode(400)
                .contentType("application/problem+json").body("'invalid-params'[0].name", equalTo("format"));
    }

    @Test
    void aListAsACloudEventsBatchPagesWithLinkAndNextCursor() {
        seedOnce();
        String query = "/api/v1/events?connection=" + CONNECTION + "&order=occurred_asc&limit=5";
        List<JsonNode> plain = new ArrayList<>();
        json(given().get(query.replace("limit=5", "limit=100"))).path("items").forEach(plain::add);
        assertEquals(12, plain.size());

        List<JsonNode> batched = new ArrayList<>();
        String url = query;
        int pages = 0;
        while (url != null) {
            Response r = given().urlEncodingEnabled(false).accept("application/cloudevents-batch+json").get(url);
            r.then().statusCode(200).contentType("application/cloudevents-batch+json");
            JsonNode page = json(r);
            assertTrue(page.isArray(), "a batch is a JSON array");
            page.forEach(batched::add);
            String link = r.header("Link");
            String next = r.header("Next-Cursor");
            if (link == null) {
                assertNull(next);
                url = null;
            } else {
                assertTrue(link.contains("cursor=" + next), link);
                url = URI.create(link.substring(1, link.indexOf('>'))).getRawPath() + "?"
                        + URI.create(link.substring(1, link.indexOf('>'))).getRawQuery();
            }
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(plain.size(), batched.size());
        for (int i = 0; i < plain.size(); i++) {
            CloudEventAssertions.assertValidCloudEvent(batched.get(i), plain.get(i));
        }
        for (int i = 1; i < batched.size(); i++) {
            String a = batched.get(i - 1).path("sequence").asText();
            String b = batched.get(i).path("sequence").asText();
            assertTrue(a.compareTo(b) < 0, "sequence strings order like the seqs: " + a + " < " + b);
        }
        // format=cloudevents does the same without the header, and the Link keeps it.
        Response byFormat = given().get(query + "&format=cloudevents");
        byFormat.then().statusCode(200).contentType("application/cloudevents-batch+json");
        assertTrue(byFormat.header("Link").contains("format=cloudevents"));
        assertEquals(batched.get(0), json(byFormat).get(0));
        assertFalse(json(given().get(query)).path("items").isMissingNode(), "without either, the plain page");
        given().get(query + "&format=yaml").then().statusCode(400).contentType("application/problem+json");
    }
}
