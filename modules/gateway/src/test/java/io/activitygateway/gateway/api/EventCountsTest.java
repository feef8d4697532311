package io.activitygateway.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.feed.FeedFixture;
import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.EventType;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/events/counts}: events per source per bucket, every bucket of the range, bounded. */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class EventCountsTest {

    private static final String DAY = "2035-05-05T";
    private static final String RANGE = "since=" + DAY + "00:00:00Z&until=" + DAY + "03:00:00Z";
    private static final AtomicInteger KEYS = new AtomicInteger();
    private static boolean seeded;

    @Inject
    EventStore store;

    private void commit(String connection, String source, String at, String summary, int n) {
        List<SourceEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(FeedFixture.event("c" + KEYS.incrementAndGet(), EventType.CREATED, "u1", at, summary));
        }
        store.commit(connection, source, Batch.of(events, Checkpoint.of(Map.of("n", KEYS.get()))));
    }

    private void seedOnce() {
        if (seeded) {
            return;
        }
        commit("counts-a", "kantata", DAY + "00:00:00Z", "first hour", 2);
        commit("counts-a", "kantata", DAY + "00:59:59Z", "first hour, last second", 1);
        commit("counts-b", "onehub", DAY + "00:30:00Z", "first hour", 3);
        commit("counts-b", "onehub", DAY + "02:15:00Z", "third hour", 4);
        commit("counts-b", "onehub", DAY + "03:00:00Z", "after the range", 5);
        commit("counts-c", "worksection", DAY + "01:00:00Z", "other connection", 7);
        seeded = true;
    }

    private static JsonPath counts(String query) {
        return given().get("/api/v1/events/counts?" + query).then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
    }

    @Test
    void countsEachSourcePerHourWithEmptyHoursIncluded() {
        seedOnce();
        JsonPath c = counts(RANGE + "&connection=counts-a,counts-b");
        assertEquals(DAY + "00:00:00Z", c.getString("since"));
        assertEquals(DAY + "03:00:00Z", c.getString("until"));
        assertEquals("PT1H", c.getString("bucket"));
        assertTrue(c.getList("sources", String.class).containsAll(List.of("kantata", "onehub", "worksection")));
        assertEquals(List.of(DAY + "00:00:00Z", DAY + "01:00:00Z", DAY + "02:00:00Z"),
                c.getList("buckets.start", String.class));
        assertEquals(List.of(3, 0, 0), c.getList("buckets.counts.kantata", Integer.class));
        assertEquals(List.of(3, 0, 4), c.getList("buckets.counts.onehub", Integer.class));
        assertEquals(List.of(0, 0, 0), c.getList("buckets.counts.worksection", Integer.class));
        assertEquals(List.of(6, 0, 4), c.getList("buckets.total", Integer.class));
        assertEquals(10, c.getInt("total"));
    }

    @Test
    void otherBucketsRoundTheRangeOutwardAndFiltersApply() {
        seedOnce();
        JsonPath half = counts("since=" + DAY + "00:10:00Z&until=" + DAY + "02:50:00Z&bucket=PT30M"
                + "&connection=counts-a,counts-b,counts-c");
        assertEquals(DAY + "00:00:00Z", half.getString("since"), "since rounded down to a bucket");
        assertEquals(DAY + "03:00:00Z", half.getString("until"), "until rounded up to a bucket");
        assertEquals(List.of(2, 4, 7, 0, 4, 0), half.getList("buckets.total", Integer.class));

        JsonPath text = counts(RANGE + "&connection=counts-a,counts-b&q=FIRST HOUR");
        assertEquals(List.of(6, 0, 0), text.getList("buckets.total", Integer.class));
        JsonPath source = counts(RANGE + "&source=onehub&connection=counts-a,counts-b");
        assertEquals(List.of(3, 0, 4), source.getList("buckets.total", Integer.class));
    }

    @Test
    void withoutARangeItIsTheLastDayUpToNow() {
        Instant before = Instant.now();
        JsonPath c = counts("connection=counts-nothing");
        Instant since = Instant.parse(c.getString("since"));
        Instant until = Instant.parse(c.getString("until"));
        assertTrue(!until.isBefore(before) && until.isBefore(before.plus(Duration.ofHours(2))), "until: " + until);
        assertTrue(!since.isAfter(before.minus(Duration.ofHours(24))), "since: " + since);
        int n = c.getList("buckets").size();
        assertTrue(n == 24 || n == 25, n + " buckets");
        assertEquals(0, c.getInt("total"));
    }

    @Test
    void tooManyBucketsOrABadBucketAre400sNamingTheParameter() {
        given().get("/api/v1/events/counts?since=2035-01-01T00:00:00Z&until=2035-05-05T00:00:00Z&bucket=PT1M").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("'invalid-params'[0].name", equalTo("since"))
                .body("'invalid-params'[0].reason", containsString("at most 1000"));
        for (String bad : new String[] { "PT90S", "P2D", "hourly", "PT0M" }) {
            given().get("/api/v1/events/counts?bucket=" + bad).then().statusCode(400)
                    .body("'invalid-params'[0].name", equalTo("bucket"));
        }
        given().get("/api/v1/events/counts?limit=5").then().statusCode(400)
                .body("'invalid-params'[0].name", equalTo("limit"));
    }
}
