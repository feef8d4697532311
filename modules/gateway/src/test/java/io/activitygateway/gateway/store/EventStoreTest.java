package io.activitygateway.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.model.EventIds;
import io.activitygateway.model.EventType;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.CommitResult;
import io.activitygateway.spi.Gap;
import io.activitygateway.spi.RecordProblem;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class EventStoreTest {

    record Position(int n) {
    }

    @Inject
    EventStore store;
    @Inject
    SourceStates states;
    @Inject
    CommitSabotage sabotage;
    @Inject
    EntityManager em;

    @AfterEach
    void heal() {
        sabotage.clear();
    }

    static SourceEvent event(String key, String at) {
        return new SourceEvent(key, key, EventType.UPDATED, "thing:updated", Instant.parse(at), null, null, null,
                new ObjectRef("Thing", "t-" + key, null, null), null, List.of(), "", null);
    }

    @Test
    void aKeyIsStoredOnceWhateverBatchBringsIt() {
        String c = "store-dedup";
        CommitResult first = store.commit(c, "scripted", Batch.of(List.of(event("k1", "2031-01-01T00:00:00Z"),
                event("k2", "2031-01-01T00:00:01Z"), event("k1", "2031-01-01T00:00:00Z")), Checkpoint.of(new Position(1))));
        CommitResult second = store.commit(c, "scripted", Batch.of(List.of(event("k2", "2031-01-01T00:00:01Z"),
                event("k3", "2031-01-01T00:00:02Z")), Checkpoint.of(new Position(2))));

        assertEquals(new CommitResult(2, 1), first);
        assertEquals(new CommitResult(1, 1), second);
        assertEquals(3L, count(c));
        assertEquals(3L, states.find(c).orElseThrow().eventsIngested);
        assertEquals(2, states.checkpoint(c).orElseThrow().as(Position.class).n());
    }

    @Test
    void theSameKeyOnAnotherConnectionIsAnotherEvent() {
        store.commit("store-a", "scripted", Batch.of(List.of(event("shared", "2031-01-02T00:00:00Z")),
                Checkpoint.of(new Position(1))));
        store.commit("store-b", "scripted", Batch.of(List.of(event("shared", "2031-01-02T00:00:00Z")),
                Checkpoint.of(new Position(1))));
        assertEquals(1L, count("store-a"));
        assertEquals(1L, count("store-b"));
    }

    @Test
    void aFailedCommitLeavesNeitherEventsNorCheckpoint() {
        String c = "store-crash";
        store.commit(c, "scripted", Batch.of(List.of(event("c1", "2031-01-03T00:00:00Z")),
                Checkpoint.of(new Position(1))));
        sabotage.failCommitsOf(c);

        assertThrows(RuntimeException.class, () -> store.commit(c, "scripted",
                new Batch(List.of(event("c2", "2031-01-03T00:00:01Z")),
                        List.of(RecordProblem.setAside("bad", "{\"x\":1}")),
                        List.of(new Gap(Instant.parse("2031-01-01T00:00:00Z"), Instant.parse("2031-01-02T00:00:00Z"),
                                "lost")),
                        Checkpoint.of(new Position(2)))));

        assertEquals(1L, count(c), "the event of the failed batch is not there");
        assertEquals(1, states.checkpoint(c).orElseThrow().as(Position.class).n(), "the checkpoint did not move");
        assertEquals(0L, states.problemCount(c));
        assertTrue(states.gaps(c, 10).isEmpty());
        assertNull(em.find(EventEntity.class, EventIds.of(c, "c2")));

        sabotage.clear();
        store.commit(c, "scripted", Batch.of(List.of(event("c2", "2031-01-03T00:00:01Z")),
                Checkpoint.of(new Position(2))));
        assertEquals(2L, count(c), "re-reading after the failure stores it once");
    }

    @Test
    void identicalProblemRecordsEachCountButARereadDoesNot() {
        String c = "store-problems";
        RecordProblem p = RecordProblem.setAside("no date", "{\"id\":7}");
        store.commit(c, "scripted", new Batch(List.of(), List.of(p, p), List.of(), Checkpoint.of(new Position(1))));
        assertEquals(2L, states.problemCount(c), "two alike malformed records in one read are two problems");
        store.commit(c, "scripted", new Batch(List.of(), List.of(p), List.of(), Checkpoint.of(new Position(2))));
        store.commit(c, "scripted", new Batch(List.of(), List.of(p, p), List.of(), Checkpoint.of(new Position(3))));
        assertEquals(2L, states.problemCount(c), "reading them again adds none");
        assertEquals(1, states.problems(c, 10).size(), "listed once");
        assertEquals(2, states.problems(c, 10).get(0).occurrences);
        store.commit(c, "scripted", new Batch(List.of(), List.of(p, p, p), List.of(), Checkpoint.of(new Position(4))));
        assertEquals(3L, states.problemCount(c), "a third copy counts");
    }

    @Test
    void oddValuesAreFittedInsteadOfFailingTheBatch() {
        String c = "store-odd";
        String longName = "x".repeat(5000);
        SourceEvent odd = new SourceEvent("odd\u0000key", "id\u0000", EventType.CREATED, "a:b",
                Instant.parse("2031-01-04T00:00:00Z"), null, null, null,
                new ObjectRef("Thing", "t", longName, null), null, List.of(), "nul\u0000inside", null);
        store.commit(c, "scripted", Batch.of(List.of(odd), Checkpoint.of(new Position(1))));
        EventEntity row = em.find(EventEntity.class, EventIds.of(c, "odd\u0000key"));
        assertEquals(1024, row.objectName.length());
        assertEquals("nul\uFFFDinside", row.summary);
    }

    /**
     * Several connections commit at once while a reader follows the feed by seq. Whenever the reader sees a seq, it
     * has already seen every lower one: a new event with a lower seq never shows up later.
     */
    @Test
    void seqsBecomeVisibleInOrderUnderConcurrentCommits() throws Exception {
        int writers = 4;
        int batches = 25;
        int perBatch = 20;
        long start = maxSeq();
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        Future<Long> reader = pool.submit(() -> {
            long seen = start;
            while (!done.get() || seen < start + (long) writers * batches * perBatch) {
                // Read "done" before the query: an empty answer read before the last commit must not end the loop.
                boolean finished = done.get();
                List<Long> fresh = seqsAfter(seen);
                for (long s : fresh) {
                    if (s != seen + 1) {
                        violations.add("saw " + s + " right after " + seen);
                    }
                    seen = s;
                }
                if (finished && fresh.isEmpty()) {
                    break;
                }
            }
            return seen;
        });
        List<Future<?>> writing = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String c = "store-race-" + w;
            writing.add(pool.submit(() -> {
                for (int b = 0; b < batches; b++) {
                    List<SourceEvent> events = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                        events.add(event(c + "-" + b + "-" + i, "2031-02-01T00:00:00Z"));
                    }
                    store.commit(c, "scripted", Batch.of(events, Checkpoint.of(new Position(b))));
                }
                return null;
            }));
        }
        for (Future<?> f : writing) {
            f.get(2, TimeUnit.MINUTES);
        }
        done.set(true);
        long last = reader.get(2, TimeUnit.MINUTES);
        pool.shutdown();
        assertTrue(violations.isEmpty(), String.join("; ", violations));
        assertEquals(start + (long) writers * batches * perBatch, last, "the reader saw every seq");
    }

    @Transactional
    long count(String connection) {
        return em.createQuery("select count(e) from EventEntity e where e.connection = :c", Long.class)
                .setParameter("c", connection).getSingleResult();
    }

    @Transactional
    long maxSeq() {
        Long max = em.createQuery("select max(e.seq) from EventEntity e", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    @Transactional
    List<Long> seqsAfter(long seq) {
        return em.createQuery("select e.seq from EventEntity e where e.seq > :s order by e.seq", Long.class)
                .setParameter("s", seq).setMaxResults(500).getResultList();
    }
}
