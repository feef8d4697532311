package io.activitygateway.gateway.feed;

import static io.activitygateway.gateway.feed.FeedFixture.commit;
import static io.activitygateway.gateway.feed.FeedFixture.ids;
import static io.activitygateway.gateway.feed.FeedFixture.storedIds;
import static io.activitygateway.gateway.feed.FeedFixture.stream;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.EventType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The feed's promise under load: every matching event exactly once, in seq order, whatever the timing. */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class FeedConcurrencyTest {

    private static final String[] SOURCES = { "feed-par-0", "feed-par-1", "feed-par-2", "feed-par-3" };
    private static final EventType[] TYPES = { EventType.CREATED, EventType.UPDATED, EventType.DELETED };

    @Inject
    EventStore store;
    @Inject
    FeedHub hub;
    @Inject
    AgroalDataSource dataSource;

    /** One reader of the stream that sometimes hangs up and resumes with the last id it saw. */
    private static final class Reader {
        final String query;
        final Predicate<FeedFixture.Stored> matches;
        final double hangUpChance;
        /** Events the writers commit while this reader stays away after hanging up (0: it is back at once). */
        final int away;
        final List<String> ids = Collections.synchronizedList(new ArrayList<>());
        final List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
        volatile String start;
        int reconnects;

        Reader(String query, Predicate<FeedFixture.Stored> matches, double hangUpChance) {
            this(query, matches, hangUpChance, 0);
        }

        Reader(String query, Predicate<FeedFixture.Stored> matches, double hangUpChance, int away) {
            this.query = query;
            this.matches = matches;
            this.hangUpChance = hangUpChance;
            this.away = away;
        }

        /** The id of the last event this reader should get; null until the writers are done. */
        volatile String finalId;

        private boolean done() {
            String target = finalId;
            return target != null && !ids.isEmpty() && ids.get(ids.size() - 1).equals(target);
        }

        /** Reads until it has the last event meant for it, hanging up at random and resuming where it was. */
        void read(long seed) throws Exception {
            Random random = new Random(seed);
            String last = start;
            while (!done()) {
                try (SseClient client = FeedFixture.stream(query, Map.of("Last-Event-ID", last))) {
                    assertEquals(last, client.next().id(), "resumed where it asked");
                    while (!done()) {
                        SseClient.Message m = client.nextOrHeartbeat();
                        if (m == null) {
                            continue;
                        }
                        assertEquals("activity", m.event());
                        ids.add(FeedFixture.parse(m.data()).path("id").asText());
                        seqs.add(m.seq());
                        last = m.id();
                        if (random.nextDouble() < hangUpChance) {
                            reconnects++;
                            break;
                        }
                    }
                }
                stayAway(away);
            }
        }
    }

    private static final AtomicInteger COMMITTED = new AtomicInteger();
    private static volatile boolean writersDone;

    /** Long enough for the window to move past the reader, so it resumes from the store over several pages. */
    private static void stayAway(int events) throws InterruptedException {
        int until = COMMITTED.get() + events;
        while (events > 0 && !writersDone && COMMITTED.get() < until) {
            Thread.sleep(5);
        }
    }

    @Test
    void everySubscriberGetsEveryMatchingEventOnceInSeqOrderWhileSourcesCommitInParallel() throws Exception {
        List<Reader> readers = List.of(
                new Reader("?connection=" + String.join(",", SOURCES), s -> true, 0),
                new Reader("?connection=" + String.join(",", SOURCES), s -> true, 0.05),
                new Reader("?connection=" + String.join(",", SOURCES), s -> true, 0.2),
                new Reader("?connection=feed-par-1", s -> s.connection().equals("feed-par-1"), 0.1),
                new Reader("?connection=feed-par-0,feed-par-2&type=deleted",
                        s -> (s.connection().equals("feed-par-0") || s.connection().equals("feed-par-2"))
                                && s.type().equals("deleted"), 0.1),
                new Reader("?connection=" + String.join(",", SOURCES) + "&actorId=u3",
                        s -> s.actor().equals("u3"), 0.05),
                new Reader("?connection=" + String.join(",", SOURCES) + "&format=cloudevents", s -> true, 0.1),
                new Reader("?connection=" + String.join(",", SOURCES), s -> true, 0.02),
                new Reader("?connection=" + String.join(",", SOURCES), s -> true, 0.03, 150),
                new Reader("?connection=feed-par-3&type=updated",
                        s -> s.connection().equals("feed-par-3") && s.type().equals("updated"), 0.2, 100));
        for (Reader r : readers) {
            try (SseClient client = stream(r.query)) {
                r.start = client.next().id();
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(SOURCES.length + readers.size());
        List<Future<List<FeedFixture.Stored>>> writers = new ArrayList<>();
        for (int w = 0; w < SOURCES.length; w++) {
            String source = SOURCES[w];
            long seed = w;
            writers.add(pool.submit(() -> {
                Random random = new Random(seed);
                List<FeedFixture.Stored> stored = new ArrayList<>();
                for (int b = 0; b < 30; b++) {
                    List<FeedFixture.Stored> batch = commit(store, source, 1 + random.nextInt(6),
                            TYPES[random.nextInt(TYPES.length)], "u" + random.nextInt(4));
                    stored.addAll(batch);
                    COMMITTED.addAndGet(batch.size());
                }
                return stored;
            }));
        }
        // Readers read while the writers are at work; each learns its last event once the writers are done.
        List<Future<?>> reading = new ArrayList<>();
        for (int i = 0; i < readers.size(); i++) {
            Reader r = readers.get(i);
            long seed = i * 31L;
            reading.add(pool.submit(() -> {
                r.read(seed);
                return null;
            }));
        }
        List<FeedFixture.Stored> all = new ArrayList<>();
        for (Future<List<FeedFixture.Stored>> w : writers) {
            all.addAll(w.get(2, TimeUnit.MINUTES));
        }
        writersDone = true;
        // Store order is seq order; sort what the writers committed by the seq the list API reports.
        Map<String, Long> seqById = seqs(all);
        all.sort((a, b) -> Long.compare(seqById.get(a.id()), seqById.get(b.id())));
        for (Reader r : readers) {
            List<FeedFixture.Stored> mine = all.stream().filter(r.matches).toList();
            r.finalId = mine.get(mine.size() - 1).id();
        }
        for (Future<?> f : reading) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        int reconnects = 0;
        for (Reader r : readers) {
            List<String> expected = storedIds(all.stream().filter(r.matches).toList());
            assertEquals(expected, r.ids, r.query + ": every matching event once, in seq order");
            for (int i = 1; i < r.seqs.size(); i++) {
                assertTrue(r.seqs.get(i) > r.seqs.get(i - 1), r.query + " at " + i);
            }
            reconnects += r.reconnects;
        }
        assertTrue(reconnects > 10, "readers did hang up and resume: " + reconnects);
    }

    private static Map<String, Long> seqs(List<FeedFixture.Stored> stored) {
        Map<String, Long> out = new java.util.HashMap<>();
        for (String source : SOURCES) {
            String cursor = null;
            do {
                io.restassured.response.Response page = RestAssured.given().get("/api/v1/events?connection=" + source
                        + "&limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
                List<String> ids = page.jsonPath().getList("items.id", String.class);
                List<Long> seqs = page.jsonPath().getList("items.seq", Long.class);
                for (int i = 0; i < ids.size(); i++) {
                    out.put(ids.get(i), seqs.get(i));
                }
                cursor = page.jsonPath().getString("nextCursor");
            } while (cursor != null);
        }
        assertTrue(out.keySet().containsAll(stored.stream().map(FeedFixture.Stored::id).toList()));
        return out;
    }

    /**
     * Seqs become visible in commit order, which the reader relies on: a batch that has taken seqs but not committed
     * holds back every later batch, so the reader can never see seq N+1 first and skip N for good.
     */
    @Test
    void aBatchHoldingLowerSeqsHoldsBackLaterOnesAndTheStreamSeesBothInOrder() throws Exception {
        try (SseClient client = stream("?connection=feed-order-a,feed-order-b");
                Connection holder = dataSource.getConnection()) {
            client.next();
            List<String> first = OtherInstance.begin(holder, "feed-order-a", 3, false);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<List<FeedFixture.Stored>> later = pool.submit(
                    () -> commit(store, "feed-order-b", 3, EventType.CREATED, "u1"));
            await().atMost(Duration.ofSeconds(30)).until(this::aSessionWaitsForALock);
            assertTrue(!later.isDone(), "the later batch waits for the one holding lower seqs");
            holder.commit();
            holder.setAutoCommit(true);
            List<String> expected = new ArrayList<>(first);
            expected.addAll(storedIds(later.get(30, TimeUnit.SECONDS)));
            assertEquals(expected, ids(client.activities(6)));
            pool.shutdown();
        }
    }

    private boolean aSessionWaitsForALock() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            try (ResultSet rs = s.executeQuery(postgres
                    ? "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            + " AND datname = current_database()"
                    : "SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    @Test
    void aSlowSubscriberCatchesUpFromTheStoreWithoutTheServerBufferingForIt() throws Exception {
        String summary = "x".repeat(16 * 1024);
        long backPressured = hub.stats().backPressured();
        long storeReads = hub.stats().storeReads();
        // A client with a small receive buffer that reads its first message and then nothing for a while.
        try (SseClient client = SseClient.open(RestAssured.port, "/api/v1/events/stream?connection=feed-slow",
                Map.of(), 4096)) {
            client.next();
            List<FeedFixture.Stored> stored = new ArrayList<>();
            for (int batch = 0; batch < 40; batch++) {
                stored.addAll(commit(store, "feed-slow", 25, EventType.UPDATED, "u1", "2033-03-03T03:03:03Z",
                        summary));
            }
            // 1000 events of 16 KiB: far more than socket buffers hold, so the connection fills up and the server
            // stops writing; and far more than the window (64), which moves past the subscriber.
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.stats().backPressured() > backPressured);
            assertEquals(storedIds(stored), ids(client.activities(stored.size())));
            assertTrue(hub.stats().storeReads() > storeReads, "it caught up from the store");
            assertTrue(hub.stats().pendingHighWater() <= 64,
                    "a subscriber never holds more than a step or a page: " + hub.stats().pendingHighWater());
            List<FeedFixture.Stored> live = commit(store, "feed-slow", 2, EventType.CREATED, "u1");
            assertEquals(storedIds(live), ids(client.activities(2)), "and it is live again");
        }
    }
}
