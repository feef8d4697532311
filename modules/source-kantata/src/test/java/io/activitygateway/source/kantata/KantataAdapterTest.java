package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.SourceException;
import io.activitygateway.testkit.MemoryStore;
import io.activitygateway.testkit.SettableClock;
import io.activitygateway.testkit.TestPoll;
import io.activitygateway.testkit.TestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The poll loop over an in-process upstream whose data changes between requests: the paging strategy must not
 * skip an event whatever is dropped or added while it pages. (The sandbox tests cover the same over real HTTP.)
 */
class KantataAdapterTest {

    private static final Instant NOW = Instant.parse("2024-05-20T12:00:00Z");

    private final SettableClock clock = new SettableClock(NOW);
    private final MemoryStore store = new MemoryStore("kantata-test");
    private final KantataKind kind = new KantataKind();

    private TestSettings settings() {
        return TestSettings.of(kind).token("t");
    }

    private TestPoll poll(ScriptedKantata upstream) throws Exception {
        return poll(upstream, settings());
    }

    private TestPoll poll(ScriptedKantata upstream, TestSettings settings) throws Exception {
        return new TestPoll(settings.build(), store, clock, upstream).run(kind.create(settings.build()));
    }

    /** {@code count} events, one per {@code spacing}, the first at {@code first}; ids from {@code firstId}. */
    private static ScriptedKantata spread(ScriptedKantata upstream, long firstId, int count, Instant first,
            Duration spacing) {
        for (int i = 0; i < count; i++) {
            upstream.add(firstId + i, first.plus(spacing.multipliedBy(i)));
        }
        return upstream;
    }

    private Set<String> storedIds() {
        return store.events().stream().map(SourceEvent::sourceEventId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> ids(long from, long toExclusive) {
        return LongStream.range(from, toExclusive).mapToObj(Long::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private FeedPosition feed(String feed) {
        return store.checkpoint().orElseThrow().as(Position.class).feeds().get(feed);
    }

    @Test
    void aBackfillReadsEveryEventOnceInPagesAndEndsAtThePollStart() throws Exception {
        ScriptedKantata upstream = spread(new ScriptedKantata(), 1, 1000, NOW.minus(Duration.ofDays(6)),
                Duration.ofMinutes(8));
        poll(upstream);
        assertEquals(ids(1, 1001), storedIds());
        assertEquals(1000, store.events().size());
        assertEquals(NOW, feed("all").readTo());
        assertEquals(NOW.minus(Duration.ofDays(6)).plus(Duration.ofMinutes(8 * 999)), feed("all").head());
        assertEquals(feed("all").head().minus(Duration.ofMinutes(15)), feed("all").settled());
        assertTrue(upstream.requests().size() <= 6, "1000 events in pages of 200: " + upstream.requests().size());
        assertTrue(store.gaps().isEmpty());
    }

    @Test
    void retentionDroppingTheOldestWhileABackfillPagesSkipsNothingStillKept() throws Exception {
        Instant first = NOW.minus(Duration.ofDays(7));
        ScriptedKantata upstream = spread(new ScriptedKantata(), 1, 1000, first, Duration.ofMinutes(1));
        // Before every request, the 150 oldest events expire: a page-number paginator would skip 150 each time.
        upstream.beforeEachRequest(k -> k.dropBefore(first.plus(Duration.ofMinutes(150L * k.requests().size()))));
        poll(upstream);
        int requests = upstream.requests().size();
        Set<String> keptThroughout = ids(150L * (requests - 1) + 1, 1001);
        assertTrue(storedIds().containsAll(keptThroughout), "missing: " + difference(keptThroughout, storedIds()));
    }

    @Test
    void lateEventsAppearingWhilePagingAndAfterAreCaughtWhenTheySettle() throws Exception {
        Instant first = NOW.minus(Duration.ofMinutes(12));
        ScriptedKantata upstream = spread(new ScriptedKantata(), 1, 600, first, Duration.ofSeconds(1));
        // While the first poll pages, an event created inside its already-read first page becomes visible.
        upstream.beforeEachRequest(k -> {
            if (k.requests().size() == 2) {
                k.add(5000, first.plusSeconds(60).plusMillis(500));
            }
        });
        poll(upstream);
        assertTrue(upstream.requests().size() >= 3);
        assertTrue(!storedIds().contains("5000"), "not visible when its page was read");
        // After the poll, events created in its last minutes become visible, out of order.
        upstream.beforeEachRequest(k -> { });
        upstream.add(5001, NOW.minus(Duration.ofMinutes(9)));
        upstream.add(5002, NOW.minus(Duration.ofMinutes(14)));
        clock.advance(Duration.ofSeconds(30));
        poll(upstream);
        assertTrue(!storedIds().contains("5001") && !storedIds().contains("5002"),
                "created before the head, inside its last lookback: they wait until they have settled");
        // Kantata serves newer events: once the head is a lookback past 5001, it is re-read and stored.
        spread(upstream, 700, 40, NOW.plusSeconds(10), Duration.ofSeconds(30));
        clock.advance(Duration.ofMinutes(20));
        poll(upstream);

        Set<String> expected = ids(1, 601);
        expected.addAll(Set.of("5000", "5001", "5002"));
        expected.addAll(ids(700, 740));
        assertEquals(expected, storedIds());
        assertEquals(643, store.events().size(), "the settling re-reads doubled none");
        assertEquals(clock.instant(), feed("all").readTo());
    }

    @Test
    void moreThanAPageInOneSecondIsReadByPageNumberWithAWarning() throws Exception {
        Instant second = NOW.minus(Duration.ofHours(1));
        ScriptedKantata upstream = new ScriptedKantata();
        LongStream.rangeClosed(1, 450).forEach(id -> upstream.add(id, second));
        upstream.add(451, second.plusSeconds(1));
        poll(upstream);
        assertEquals(ids(1, 452), storedIds());
        assertEquals(1, store.warnings().size(), store.warnings().toString());
        assertTrue(store.warnings().get(0).contains("by page number"));
    }

    @Test
    void aCrashBeforeACommitResumesFromTheLastCommittedPageAndLosesNothing() throws Exception {
        ScriptedKantata upstream = spread(new ScriptedKantata(), 1, 900, NOW.minus(Duration.ofDays(2)),
                Duration.ofMinutes(3));
        TestPoll crashing = new TestPoll(settings().build(), store, clock, upstream).crashBeforeCommit(3);
        assertThrows(TestPoll.SimulatedCrash.class, () -> crashing.run(kind.create(settings().build())));
        assertEquals(2, store.checkpoints().size());
        Instant committed = feed("all").head();
        assertTrue(committed.isBefore(NOW), "mid-stream checkpoint " + committed);
        assertEquals(null, feed("all").readTo(), "not read to the end yet");

        clock.advance(Duration.ofMinutes(1));
        poll(upstream);
        assertEquals(ids(1, 901), storedIds());
        assertEquals(900, store.events().size());
    }

    @Test
    void aStopRequestEndsThePollAfterThePageAndTheNextPollFinishes() throws Exception {
        ScriptedKantata upstream = spread(new ScriptedKantata(), 1, 700, NOW.minus(Duration.ofDays(1)),
                Duration.ofMinutes(2));
        new TestPoll(settings().build(), store, clock, upstream).stopAfterCommits(1)
                .run(kind.create(settings().build()));
        assertEquals(1, upstream.requests().size());
        assertEquals(200, store.events().size());
        poll(upstream);
        assertEquals(ids(1, 701), storedIds());
    }

    @Test
    void anIdlePollCostsOneRequestAndReadsTheQuietTailOnce() throws Exception {
        ScriptedKantata upstream = spread(new ScriptedKantata(), 1, 10, NOW.minus(Duration.ofMinutes(10)),
                Duration.ofMinutes(1));
        poll(upstream);
        Instant head = NOW.minus(Duration.ofMinutes(1));
        assertEquals(head, feed("all").head());
        for (int i = 0; i < 3; i++) {
            int before = upstream.requests().size();
            clock.advance(Duration.ofHours(2));
            poll(upstream);
            assertEquals(before + 1, upstream.requests().size(), "poll " + i);
            assertEquals(clock.instant(), feed("all").readTo(), "shows the feed was read just now");
            assertEquals(head, feed("all").head(), "the head is Kantata's, not our clock's");
        }
        List<String> after = upstream.requests().stream().map(r -> r.param("created_after")).toList();
        int n = after.size();
        assertEquals("2024-05-20T11:43:59Z", after.get(n - 3), "once a lookback has passed: the tail, once");
        assertEquals("2024-05-20T11:59:00Z", after.get(n - 2), "then only what is after the head");
        assertEquals("2024-05-20T11:59:00Z", after.get(n - 1));
    }

    @Test
    void aGatewayAwayLongerThanTheRetentionReportsTheGapOnce() throws Exception {
        ScriptedKantata upstream = spread(new ScriptedKantata(), 1, 5, NOW.minus(Duration.ofHours(1)),
                Duration.ofMinutes(1));
        poll(upstream);
        clock.advance(Duration.ofDays(10));
        upstream.dropBefore(clock.instant().minus(Duration.ofDays(7)));
        spread(upstream, 100, 5, clock.instant().minus(Duration.ofDays(2)), Duration.ofMinutes(1));
        poll(upstream);
        assertEquals(1, store.gaps().size());
        assertEquals(NOW.minus(Duration.ofMinutes(15)), store.gaps().get(0).from());
        assertEquals(clock.instant().minus(Duration.ofDays(7)), store.gaps().get(0).to());
        assertTrue(storedIds().containsAll(ids(100, 105)), "and carries on with what is kept");
        clock.advance(Duration.ofMinutes(1));
        poll(upstream);
        assertEquals(1, store.gaps().size());
    }

    @Test
    void eachSubjectTypeIsItsOwnFeedWithItsOwnCursor() throws Exception {
        ScriptedKantata upstream = new ScriptedKantata()
                .add(1, NOW.minus(Duration.ofHours(3)), "TimeEntry")
                .add(2, NOW.minus(Duration.ofHours(2)), "Story")
                .add(3, NOW.minus(Duration.ofHours(1)), "Workspace");
        poll(upstream, settings().option("subject-types", "TimeEntry,Story"));
        assertEquals(Set.of("1", "2"), storedIds());
        assertEquals(List.of("TimeEntry", "Story"), upstream.requests().stream().map(r -> r.param("subject_type"))
                .toList());
        assertEquals(Set.of("Story", "TimeEntry"), store.checkpoint().orElseThrow().as(Position.class)
                .feeds().keySet());
    }

    @Test
    void anUpstreamIgnoringTheAscendingOrderStopsThePollBeforeAnythingIsCommitted() {
        ScriptedKantata upstream = spread(new ScriptedKantata(), 1, 300, NOW.minus(Duration.ofDays(1)),
                Duration.ofMinutes(1)).ignoringOrder();
        SourceException e = assertThrows(SourceException.class, () -> poll(upstream));
        assertTrue(e.getMessage().contains("ascending"), e.getMessage());
        assertTrue(store.checkpoints().isEmpty());
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
