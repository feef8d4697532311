package io.activitygateway.gateway.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.metrics.GatewayMeters;
import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.source.Connections;
import io.activitygateway.gateway.store.CommitSabotage;
import io.activitygateway.gateway.store.EventEntity;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.gateway.store.SourceStates;
import io.activitygateway.model.EventIds;
import io.activitygateway.model.EventType;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.SourceException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A poll's submitted batches: committed on another thread while the adapter reads on, in order (those that queued
 * behind a running commit together), none after a failure.
 */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class SubmittedCommitsTest {

    record Position(int n) {
    }

    @Inject
    EventStore store;
    @Inject
    SourceStates states;
    @Inject
    CommitSabotage sabotage;
    @Inject
    GatewayMeters gatewayMeters;
    @Inject
    Connections connections;
    @Inject
    EntityManager em;

    private final ExecutorService committer = Executors.newSingleThreadExecutor();

    @AfterEach
    void heal() {
        sabotage.clear();
        committer.shutdownNow();
    }

    @Test
    void submittedBatchesAreStoredInTheirOrderByTheEndOfThePoll() throws SourceException {
        String c = "submit-order";
        GatewayPollContext context = context(c);
        for (int i = 1; i <= 6; i++) {
            context.submit(batch(c, i));
            assertEquals(i, context.checkpoint().orElseThrow().as(Position.class).n(),
                    "the adapter reads on from the batch it submitted");
        }
        context.awaitSubmitted();

        assertEquals(6, context.stored());
        assertEquals(6L, count(c));
        assertEquals(6, states.checkpoint(c).orElseThrow().as(Position.class).n());
        long previous = 0;
        for (int i = 1; i <= 6; i++) {
            long seq = seqOf(c, "k" + i);
            assertTrue(seq > previous, "seqs follow the order of submission");
            previous = seq;
        }
    }

    @Test
    void aBatchThatFailedIsThrownByTheNextSubmitAndNothingAfterItIsStored() throws SourceException {
        String c = "submit-fail";
        GatewayPollContext context = context(c);
        context.submit(batch(c, 1));
        context.awaitSubmitted();
        sabotage.failCommitsOf(c);

        context.submit(batch(c, 2));
        // thrown by the next submit, or (when that one queued behind the failing commit) by the end of the poll
        assertThrows(StoreFailure.class, () -> {
            context.submit(batch(c, 3));
            context.awaitSubmitted();
        });
        sabotage.clear();
        context.awaitSubmitted();

        assertEquals(1L, count(c), "neither the failed batch nor the one after it is stored");
        assertNull(find(c, "k3"));
        assertEquals(1, states.checkpoint(c).orElseThrow().as(Position.class).n(), "the checkpoint stayed");
        assertEquals(1, context.stored());
    }

    @Test
    void aBatchThatFailedLastIsThrownByTheEndOfThePoll() throws SourceException {
        String c = "submit-fail-last";
        GatewayPollContext context = context(c);
        sabotage.failCommitsOf(c);
        context.submit(batch(c, 1));
        assertThrows(StoreFailure.class, context::awaitSubmitted);
        assertEquals(0L, count(c));
    }

    @Test
    void batchesQueuedBehindARunningCommitAreStoredTogetherInOrder() throws Exception {
        String c = "submit-queued";
        CountDownLatch firstCommitHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger commits = new AtomicInteger();
        GatewayPollContext context = context(c, () -> {
            // the fence runs first in each commit's transaction: the first commit waits here
            if (commits.incrementAndGet() == 1) {
                firstCommitHeld.countDown();
                await(release);
            }
        });
        context.submit(batch(c, 1));
        await(firstCommitHeld);
        for (int i = 2; i <= 4; i++) {
            context.submit(batch(c, i));
        }
        assertEquals(4, context.checkpoint().orElseThrow().as(Position.class).n());
        release.countDown();
        context.awaitSubmitted();

        assertEquals(2, commits.get(), "pages 2 to 4 waited behind page 1 and were committed together");
        assertEquals(4L, count(c));
        assertEquals(4, context.stored());
        assertEquals(4, states.checkpoint(c).orElseThrow().as(Position.class).n());
        long previous = 0;
        for (int i = 1; i <= 4; i++) {
            long seq = seqOf(c, "k" + i);
            assertTrue(seq > previous, "seqs follow the order of submission");
            previous = seq;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private GatewayPollContext context(String name) {
        return context(name, () -> { });
    }

    private GatewayPollContext context(String name, Runnable fence) {
        ConnectionSettings settings = new ConnectionSettings(name, "scripted", URI.create("http://localhost:1"),
                Duration.ofSeconds(1), Duration.ZERO, Duration.ofDays(1), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of());
        // any configured connection's meters: what they count is not under test here
        return new GatewayPollContext(settings, null, Clock.systemUTC(), null, store, () -> false,
                gatewayMeters.connection(connections.all().iterator().next()), fence, committer);
    }

    private static Batch batch(String connection, int n) {
        SourceEvent event = new SourceEvent("k" + n, "k" + n, EventType.UPDATED, "thing:updated",
                Instant.parse("2031-02-01T00:00:00Z").plusSeconds(n), null, null, null,
                new ObjectRef("Thing", "t-" + n, null, null), null, List.of(), "", null);
        return Batch.of(List.of(event), Checkpoint.of(new Position(n)));
    }

    @Transactional
    long count(String connection) {
        return em.createQuery("select count(e) from EventEntity e where e.connection = :c", Long.class)
                .setParameter("c", connection).getSingleResult();
    }

    @Transactional
    EventEntity find(String connection, String key) {
        return em.find(EventEntity.class, EventIds.of(connection, key));
    }

    long seqOf(String connection, String key) {
        return find(connection, key).seq;
    }
}
