package io.activitygateway.gateway.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.gateway.store.RetentionSchedule;
import io.activitygateway.model.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Old events are deleted as a prefix of seqs; resuming below it is refused, never a silent gap. */
@QuarkusTest
@TestProfile(RetentionProfile.class)
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class RetentionTest {

    @Inject
    EventStore store;
    @Inject
    RetentionSchedule retention;
    @Inject
    FeedHistory history;
    @Inject
    MeterRegistry registry;

    @Test
    void eventsStoredBeforeTheCutoffGoInBatchesAndAResumeBelowThemIsGone() throws Exception {
        double purgedBefore = registry.get("gateway.retention.events.purged").counter().count();
        long headBefore = history.head();
        List<FeedFixture.Stored> old = FeedFixture.commit(store, "retained", 7, EventType.CREATED, "u1");
        Thread.sleep(20);
        Instant cutoff = Instant.now();
        Thread.sleep(20);
        List<FeedFixture.Stored> young = FeedFixture.commit(store, "retained", 3, EventType.UPDATED, "u2");
        long oldest = headBefore + 7;

        assertEquals(headBefore + 7, retention.purgeOlderThan(cutoff), "everything up to the cutoff, nothing after");
        assertEquals(oldest, history.purgedThrough());
        assertEquals(0, retention.purgeOlderThan(cutoff), "nothing more is due");
        assertEquals(headBefore + 7, registry.get("gateway.retention.events.purged").counter().count() - purgedBefore);
        for (FeedFixture.Stored gone : old) {
            given().get("/api/v1/events/{id}", gone.id()).then().statusCode(404);
        }
        given().get("/api/v1/events/{id}", young.get(0).id()).then().statusCode(200);

        given().header("Last-Event-ID", String.valueOf(oldest - 1)).get("/api/v1/events/stream").then()
                .statusCode(410).contentType("application/problem+json")
                .body("type", equalTo("urn:activity-gateway:problem:history-gone"))
                .body("detail", containsString("retention"));
        try (SseClient client = FeedFixture.stream("", Map.of("Last-Event-ID", String.valueOf(oldest)))) {
            assertEquals("resume", client.next().event());
            assertEquals(FeedFixture.storedIds(young), FeedFixture.ids(client.activities(3)),
                    "from the oldest kept position on, the feed is complete and in order");
        }
    }

    @Test
    void twoPurgesAtOnceDeleteEachEventOnce() throws Exception {
        FeedFixture.commit(store, "retained-race", 40, EventType.CREATED, "u1");
        Thread.sleep(20);
        Instant cutoff = Instant.now();
        long purgedBefore = history.purgedThrough();
        long due = history.head() - purgedBefore;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<Long> run = () -> {
                    go.await();
                    return retention.purgeOlderThan(cutoff);
                };
                runs.add(pool.submit(run));
            }
            go.countDown();
            long deleted = 0;
            for (Future<Long> run : runs) {
                deleted += run.get();
            }
            assertEquals(due, deleted);
            assertEquals(history.head(), history.purgedThrough());
        } finally {
            pool.shutdownNow();
        }
    }
}
