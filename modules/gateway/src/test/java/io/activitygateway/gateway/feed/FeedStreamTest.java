package io.activitygateway.gateway.feed;

import static io.activitygateway.gateway.feed.FeedFixture.commit;
import static io.activitygateway.gateway.feed.FeedFixture.ids;
import static io.activitygateway.gateway.feed.FeedFixture.storedIds;
import static io.activitygateway.gateway.feed.FeedFixture.stream;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.gateway.api.CloudEventAssertions;
import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.EventType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The change feed over real HTTP. Events are committed through the store's commit (what every poll calls), each
 * test on connections of its own and filtering on them, so tests do not see each other's events. The test profile
 * keeps a window of 64 events and reads 25 at a time, so replays longer than that come from the store in pages.
 */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class FeedStreamTest {

    @Inject
    EventStore store;
    @Inject
    FeedHub hub;
    @Inject
    FeedHistory history;

    @Test
    void aLiveClientReceivesNewEventsInOrderWithTheSseHeaders() throws Exception {
        try (SseClient client = stream("?connection=feed-live")) {
            assertEquals(200, client.status);
            assertEquals("text/event-stream; charset=utf-8", client.headers.get("content-type"));
            assertEquals("no-cache", client.headers.get("cache-control"));
            assertEquals("no", client.headers.get("x-accel-buffering"));
            SseClient.Message resume = client.next();
            assertEquals("resume", resume.event());
            assertEquals("3000", client.retry, "reconnection advice");
            assertEquals(resume.id(), client.headers.get("last-event-id"), "the header names the resume point too");

            List<FeedFixture.Stored> expected = new ArrayList<>();
            for (int batch = 0; batch < 3; batch++) {
                expected.addAll(commit(store, "feed-live", 4, EventType.UPDATED, "u1"));
            }
            List<SseClient.Message> got = client.activities(12);
            assertEquals(storedIds(expected), ids(got));
            long previous = resume.seq();
            for (SseClient.Message m : got) {
                assertTrue(m.seq() > previous, "seqs increase: " + m.id() + " after " + previous);
                assertEquals(m.seq(), FeedFixture.parse(m.data()).path("seq").asLong(), "id is the event's seq");
                assertEquals("feed-live", FeedFixture.parse(m.data()).path("connection").asText());
                previous = m.seq();
            }
        }
    }

    @Test
    void aClientThatResumesWithLastEventIdGetsExactlyTheMissedEvents() throws Exception {
        String last;
        List<FeedFixture.Stored> first;
        try (SseClient client = stream("?connection=feed-resume")) {
            client.next();
            first = commit(store, "feed-resume", 5, EventType.CREATED, "u1");
            List<SseClient.Message> got = client.activities(2);
            assertEquals(storedIds(first.subList(0, 2)), ids(got));
            last = got.get(1).id();
        }
        // Missed while away: the rest of the first batch and far more than the window holds (replayed from the store).
        List<FeedFixture.Stored> missed = new ArrayList<>(first.subList(2, 5));
        for (int batch = 0; batch < 6; batch++) {
            missed.addAll(commit(store, "feed-resume", 30, EventType.UPDATED, "u2"));
        }
        missed.addAll(commit(store, "feed-other", 10, EventType.UPDATED, "u2"));
        missed.removeIf(s -> !s.connection().equals("feed-resume"));
        long storeReads = hub.stats().storeReads();
        try (SseClient client = stream("?connection=feed-resume", Map.of("Last-Event-ID", last))) {
            SseClient.Message resume = client.next();
            assertEquals("resume", resume.event());
            assertEquals(last, resume.id(), "the stream says where it resumed");
            assertEquals(storedIds(missed), ids(client.activities(missed.size())));
            assertTrue(hub.stats().storeReads() > storeReads, "the replay read the store");
            // The hand-over to live: the next events come once, right after the replayed ones.
            List<FeedFixture.Stored> live = commit(store, "feed-resume", 3, EventType.DELETED, "u3");
            assertEquals(storedIds(live), ids(client.activities(3)));
        }
    }

    @Test
    void theLastEventIdQueryParameterResumesAndTheHeaderWinsOverIt() throws Exception {
        String start;
        try (SseClient client = stream("?connection=feed-param")) {
            start = client.next().id();
        }
        List<FeedFixture.Stored> a = commit(store, "feed-param", 3, EventType.CREATED, "u1");
        List<FeedFixture.Stored> b = commit(store, "feed-param", 3, EventType.CREATED, "u1");
        try (SseClient client = stream("?connection=feed-param&lastEventId=" + start)) {
            assertEquals(start, client.next().id());
            List<FeedFixture.Stored> all = new ArrayList<>(a);
            all.addAll(b);
            assertEquals(storedIds(all), ids(client.activities(6)));
        }
        // A browser reconnects to the URL it started with and adds the newer Last-Event-ID header.
        String afterA = Long.toString(Long.parseLong(start) + 3);
        try (SseClient client = stream("?connection=feed-param&lastEventId=" + start,
                Map.of("Last-Event-ID", afterA))) {
            assertEquals(afterA, client.next().id());
            assertEquals(storedIds(b), ids(client.activities(3)));
        }
    }

    @Test
    void filtersApplyToReplayAndLiveAlike() throws Exception {
        String filter = "?connection=feed-filter-a,feed-filter-b&type=created,deleted&actorId=u1";
        Predicate<FeedFixture.Stored> matches = s -> s.actor().equals("u1")
                && (s.type().equals("created") || s.type().equals("deleted"))
                && (s.connection().equals("feed-filter-a") || s.connection().equals("feed-filter-b"));
        String start;
        try (SseClient client = stream(filter)) {
            start = client.next().id();
        }
        List<FeedFixture.Stored> before = mixed();
        try (SseClient client = stream(filter, Map.of("Last-Event-ID", start))) {
            client.next();
            List<FeedFixture.Stored> replayed = before.stream().filter(matches).toList();
            assertEquals(storedIds(replayed), ids(client.activities(replayed.size())));
            List<FeedFixture.Stored> live = mixed().stream().filter(matches).toList();
            assertEquals(storedIds(live), ids(client.activities(live.size())));
            // Nothing else is on its way: the next thing on the stream is a heartbeat, not a message.
            client.awaitComments(1);
        }
    }

    @Test
    void subscribersInStepAreWrittenByTheirCohortEachGettingWhatItsFilterMatches() throws Exception {
        try (SseClient a = stream("?connection=feed-cohort"); SseClient b = stream("?connection=feed-cohort");
                SseClient created = stream("?connection=feed-cohort&type=created")) {
            a.next();
            b.next();
            created.next();
            long cohortWrites = hub.stats().cohortWrites();
            List<FeedFixture.Stored> all = new ArrayList<>();
            for (int batch = 0; batch < 3; batch++) {
                all.addAll(commit(store, "feed-cohort", 2, EventType.UPDATED, "u1"));
                all.addAll(commit(store, "feed-cohort", 1, EventType.CREATED, "u1"));
            }
            List<FeedFixture.Stored> onlyCreated = all.stream().filter(s -> s.type().equals("created")).toList();
            assertEquals(storedIds(all), ids(a.activities(all.size())));
            assertEquals(storedIds(all), ids(b.activities(all.size())));
            assertEquals(storedIds(onlyCreated), ids(created.activities(onlyCreated.size())));
            assertTrue(hub.stats().cohortWrites() > cohortWrites, "caught-up streams are written by their cohort");
        }
    }

    private List<FeedFixture.Stored> mixed() {
        List<FeedFixture.Stored> all = new ArrayList<>();
        for (String connection : new String[] { "feed-filter-a", "feed-filter-b", "feed-filter-c" }) {
            for (EventType type : new EventType[] { EventType.CREATED, EventType.UPDATED, EventType.DELETED }) {
                for (String actor : new String[] { "u1", "u2" }) {
                    all.addAll(commit(store, connection, 2, type, actor));
                }
            }
        }
        return all;
    }

    @Test
    void heartbeatsKeepAnIdleStreamAlive() throws Exception {
        try (SseClient client = stream("?connection=feed-idle")) {
            client.next();
            client.awaitComments(3);
        }
    }

    @Test
    void sinceStartsAtTheFirstEventThatOccurredThenAndGoesOnLive() throws Exception {
        // Dates no other test uses, so no other event occurred at or after since.
        List<FeedFixture.Stored> early = commit(store, "feed-since", 2, EventType.CREATED, "u1",
                "2099-01-01T00:00:00Z", "");
        List<FeedFixture.Stored> late = commit(store, "feed-since", 2, EventType.CREATED, "u1",
                "2099-01-03T00:00:00Z", "");
        List<FeedFixture.Stored> lateArrival = commit(store, "feed-since", 1, EventType.CREATED, "u1",
                "2099-01-01T12:00:00Z", "");
        try (SseClient client = stream("?connection=feed-since&since=2099-01-02T00:00:00Z")) {
            SseClient.Message resume = client.next();
            assertNotNull(resume.id());
            List<FeedFixture.Stored> expected = new ArrayList<>(late);
            expected.addAll(lateArrival);
            assertEquals(storedIds(expected), ids(client.activities(3)),
                    "from the first event that occurred at or after since, later-stored ones included");
            List<FeedFixture.Stored> live = commit(store, "feed-since", 1, EventType.CREATED, "u1",
                    "2000-01-01T00:00:00Z", "");
            assertEquals(storedIds(live), ids(client.activities(1)), "since is a starting point, not a filter");
        }
        assertEquals(2, early.size());
    }

    @Test
    void withFormatCloudEventsEachMessageIsACloudEvent() throws Exception {
        try (SseClient client = stream("?connection=feed-ce&format=cloudevents")) {
            client.next();
            List<FeedFixture.Stored> stored = commit(store, "feed-ce", 2, EventType.UPDATED, "u1");
            List<SseClient.Message> got = client.activities(2);
            for (int i = 0; i < 2; i++) {
                JsonNode plain = FeedFixture.parse(given().get("/api/v1/events/" + stored.get(i).id()).asString());
                JsonNode ce = FeedFixture.parse(got.get(i).data());
                CloudEventAssertions.assertValidCloudEvent(ce, plain);
                assertEquals(got.get(i).seq(), Long.parseLong(ce.path("sequence").asText()));
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "type=happened|type|not an event type",
            "source=jira|source|not a source kind",
            "lastEventId=abc|lastEventId|not an event id",
            "lastEventId=-5|lastEventId|not an event id",
            "until=2030-01-01T00:00:00Z|until|not a parameter of the stream",
            "limit=5|limit|not a parameter of the stream",
            "format=xml|format|json or cloudevents",
            "since=yesterday|since|ISO-8601",
    })
    void badParametersAre400ProblemsBeforeTheStreamStarts(String query, String param, String reason) {
        given().urlEncodingEnabled(false).accept("text/event-stream").get("/api/v1/events/stream?" + query).then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:activity-gateway:problem:invalid-parameter"))
                .body("'invalid-params'.find { it.name == '" + param + "' }.reason", containsString(reason));
    }

    @Test
    void aBadLastEventIdHeaderIsA400Problem() {
        given().header("Last-Event-ID", "not-a-seq").get("/api/v1/events/stream").then().statusCode(400)
                .contentType("application/problem+json")
                .body("'invalid-params'[0].name", equalTo("Last-Event-ID"));
    }

    @Test
    void resumingBeyondTheStoredFeedIsToldTheHistoryIsGone() {
        long head = history.head();
        given().header("Last-Event-ID", String.valueOf(head + 1000)).get("/api/v1/events/stream").then()
                .statusCode(410).contentType("application/problem+json")
                .body("type", equalTo("urn:activity-gateway:problem:history-gone"))
                .body("detail", containsString("newest event is " + head));
        given().get("/api/v1/events/stream?lastEventId=" + (head + 1)).then().statusCode(410);
    }

    @Test
    void aClosedConnectionIsReleased() throws Exception {
        long open = hub.stats().open();
        SseClient client = stream("?connection=feed-close");
        client.next();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.stats().open() == open + 1);
        client.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.stats().open() == open);
    }
}
