package io.activitygateway.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.sink.OutboundEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pages of a round read one ahead on another thread: in seq order, chained, never beyond the round. */
class PagesAheadTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    /** A store of seqs 1..head, read in pages of up to 10; records every read (its "after") and its thread. */
    private static final class Store {
        final long head;
        final List<Long> readsAfter = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        RuntimeException failure;

        Store(long head) {
            this.head = head;
        }

        List<OutboundEvent> page(long after) {
            int limit = 10;
            readsAfter.add(after);
            threads.add(Thread.currentThread().getName());
            if (failure != null) {
                throw failure;
            }
            List<OutboundEvent> page = new ArrayList<>();
            for (long seq = after + 1; seq <= head && page.size() < limit; seq++) {
                page.add(new OutboundEvent(seq, "ev-" + seq, "kantata", "acme", "task", "t", "urn:x", "t", null,
                        Instant.EPOCH, Instant.EPOCH, "{}".getBytes(StandardCharsets.UTF_8)));
            }
            return page;
        }
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void pagesFollowEachOtherInSeqOrderAndTheReadsRunOnTheOtherThread() throws Exception {
        Store store = new Store(25);
        List<Long> seqs = new ArrayList<>();
        try (PagesAhead pages = new PagesAhead(executor, store::page, 0, 10, 64)) {
            List<OutboundEvent> page;
            do {
                page = pages.next();
                page.forEach(e -> seqs.add(e.seq()));
            } while (page.size() == 10);
            assertEquals(3, pages.pagesRead());
            assertTrue(pages.next().isEmpty(), "nothing is read after a short page");
        }
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 25).boxed().toList(), seqs);
        assertEquals(List.of(0L, 10L, 20L), store.readsAfter, "each page starts after the last seq of the one before");
        assertTrue(store.threads.stream().noneMatch(t -> t.equals(Thread.currentThread().getName())),
                store.threads.toString());
    }

    @Test
    void noPageIsReadBeyondTheRound() throws Exception {
        Store store = new Store(1000);
        try (PagesAhead pages = new PagesAhead(executor, store::page, 0, 10, 2)) {
            assertEquals(10, pages.next().size());
            assertEquals(10, pages.next().size());
            assertTrue(pages.next().isEmpty());
        }
        executor.shutdown();
        executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(List.of(0L, 10L), store.readsAfter);
    }

    @Test
    void whatTheStoreThrowsIsThrownWhereThePageIsTaken() {
        Store store = new Store(10);
        IllegalStateException broken = new IllegalStateException("database away");
        store.failure = broken;
        try (PagesAhead pages = new PagesAhead(executor, store::page, 0, 10, 64)) {
            assertSame(broken, assertThrows(IllegalStateException.class, pages::next));
        }
    }
}
