package io.activitygateway.gateway.feed;

import static io.activitygateway.gateway.feed.FeedFixture.commit;
import static io.activitygateway.gateway.feed.FeedFixture.ids;
import static io.activitygateway.gateway.feed.FeedFixture.storedIds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.EventType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * gateway.feed.stall-timeout: a connection that takes nothing while data waits for it is closed, without holding
 * back a subscriber with the same filter that reads, and its client resumes with its Last-Event-ID losing nothing.
 */
@QuarkusTest
@TestProfile(FeedStallTest.ShortStall.class)
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class FeedStallTest {

    /** A stall timeout a test can wait for; the heartbeat (300 ms in tests) is when it is checked. */
    public static final class ShortStall implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.feed.stall-timeout", "3s");
        }
    }

    @Inject
    EventStore store;
    @Inject
    FeedHub hub;

    @Test
    void aConnectionThatTakesNothingIsClosedAfterTheStallTimeoutWithoutHoldingBackOthersAndLosesNothing()
            throws Exception {
        String summary = "x".repeat(16 * 1024);
        String query = "/api/v1/events/stream?connection=feed-stall";
        long stalled = hub.stats().stalled();
        long open = hub.stats().open();
        List<FeedFixture.Stored> stored = new ArrayList<>();
        String resumeFrom;
        try (SseClient stuck = SseClient.open(RestAssured.port, query, Map.of(), 4096);
                SseClient reader = SseClient.open(RestAssured.port, query, Map.of())) {
            resumeFrom = stuck.next().id();
            reader.next();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.stats().open() == open + 2);
            // The reading subscriber reads all the time, from before the first commit.
            CompletableFuture<List<SseClient.Message>> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.activities(1000);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            for (int batch = 0; batch < 40; batch++) {
                stored.addAll(commit(store, "feed-stall", 25, EventType.UPDATED, "u1", "2034-04-04T04:04:04Z",
                        summary));
            }
            // 1000 events of 16 KiB: far more than the stuck client's socket buffers hold. The one that reads
            // gets them all while the other takes nothing.
            assertEquals(storedIds(stored), ids(read.get(120, TimeUnit.SECONDS)), "the reading subscriber");
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.stats().stalled() > stalled);
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.stats().open() == open + 1);
            // What the stuck client's buffers still held arrives, then the connection ends.
            List<SseClient.Message> got = stuck.activitiesUntilEnd();
            assertTrue(got.size() < stored.size(), "the stream was cut off: " + got.size());
            assertEquals(storedIds(stored.subList(0, got.size())), ids(got), "in order up to where it was cut");
            if (!got.isEmpty()) {
                resumeFrom = got.get(got.size() - 1).id();
            }
            List<FeedFixture.Stored> live = commit(store, "feed-stall", 2, EventType.CREATED, "u1");
            assertEquals(storedIds(live), ids(reader.activities(2)), "the reader is live");
            stored.addAll(live);
            try (SseClient again = SseClient.open(RestAssured.port, query, Map.of("Last-Event-ID", resumeFrom))) {
                assertEquals(resumeFrom, again.next().id());
                List<FeedFixture.Stored> rest = stored.subList(got.size(), stored.size());
                assertEquals(storedIds(rest), ids(again.activities(rest.size())), "the rest, once, after resuming");
            }
        }
    }
}
