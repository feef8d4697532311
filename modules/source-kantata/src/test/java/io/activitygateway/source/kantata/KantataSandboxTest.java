package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.model.EventType;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.fault.Fault;
import io.activitygateway.sandbox.fault.Malformation;
import io.activitygateway.sandbox.kantata.KantataSettings;
import io.activitygateway.sandbox.kantata.SubjectType;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.spi.AuthenticationException;
import io.activitygateway.spi.Gap;
import io.activitygateway.spi.RecordProblem;
import io.activitygateway.spi.SourceException;
import io.activitygateway.testkit.LoopbackHttp;
import io.activitygateway.testkit.MemoryStore;
import io.activitygateway.testkit.SettableClock;
import io.activitygateway.testkit.TestPoll;
import io.activitygateway.testkit.TestSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter against the Kantata simulator over real HTTP on loopback, sharing one clock; every test ends by
 * comparing what was stored with the sandbox's ground truth. A new adapter is created for every poll, as after a
 * restart: all a poll may rely on is the committed checkpoint.
 */
class KantataSandboxTest {

    private static final Instant T0 = Instant.parse("2024-06-03T12:00:00Z");
    /** Past the sandbox's lateness (10 min) and the adapter's lookback (15 min): everything has settled. */
    private static final Duration PAST_LATENESS = Duration.ofMinutes(16);

    private final SettableClock clock = new SettableClock(T0);
    private final MemoryStore store = new MemoryStore("kantata-test");
    private final KantataKind kind = new KantataKind();
    private Sandbox sandbox;
    private LoopbackHttp http;

    /** Lateness and duplicates on (the defaults); the rate limit off unless a test wants it. */
    private Sandbox start(Consumer<KantataSettings> settings) {
        sandbox = Sandbox.builder().clock(clock).seed(7).apis(Api.KANTATA)
                .kantata(k -> settings.accept(k.rateLimit(0, Duration.ofMinutes(1)))).start();
        http = new LoopbackHttp(URI.create(sandbox.kantataBaseUrl()));
        return sandbox;
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private TestSettings settings() {
        return TestSettings.of(kind).baseUrl(URI.create(sandbox.kantataBaseUrl()))
                .token(sandbox.kantata().settings().token());
    }

    private TestPoll newPoll(TestSettings settings) {
        return new TestPoll(settings.build(), store, clock, http);
    }

    private TestPoll poll() throws Exception {
        return poll(settings());
    }

    private TestPoll poll(TestSettings settings) throws Exception {
        return newPoll(settings).run(kind.create(settings.build()));
    }

    private List<TruthEntry> truth() {
        return sandbox.truth().of(Api.KANTATA);
    }

    @Test
    void aFullBackfillAcrossManyPagesStoresEveryChangeOnce() throws Exception {
        start(k -> { });
        sandbox.generator().generate(6000, Duration.ofDays(7).minusMinutes(1));
        poll();
        clock.advance(PAST_LATENESS);
        poll();

        int checked = TruthCheck.assertExactlyOnce(truth(), store);
        assertTrue(checked > 5500, "checked " + checked);
        assertTrue(truth().stream().anyMatch(t -> t.upstreamIds().size() == 2), "the backfill has duplicates");
        List<URI> sent = http.sent();
        assertTrue(sent.size() <= 6000 / 190 + 3, "requests: " + sent.size());
        assertTrue(sent.get(0).getQuery().contains("order=created_at:asc&per_page=200&page=1"), sent.get(0).toString());
        assertTrue(sent.get(0).getQuery().contains("include=subject"));
        assertTrue(sent.get(0).getQuery().contains("optional_fields=payload_changes,previous_payload,current_payload"));
        assertTrue(store.problems().isEmpty(), store.problems().toString());
        assertTrue(store.gaps().isEmpty());
    }

    @Test
    void lateAndOutOfOrderEventsAreCaughtAndNeverDoubled() throws Exception {
        start(k -> k.lateness(true, Duration.ofMinutes(10)));
        poll();
        for (int step = 0; step < 40; step++) {
            clock.advance(Duration.ofSeconds(30));
            sandbox.generator().generate(60);
            poll();
        }
        long entry = sandbox.kantata().subjectIds(SubjectType.TIME_ENTRY).get(0);
        Instant now = clock.instant();
        // Created before events already read, visible only after the next poll: out of order and late.
        TruthEntry late = sandbox.kantata().inject("time_entry:updated").subject("TimeEntry", entry)
                .changedAt(now.minusSeconds(400)).createdAt(now.minusSeconds(390)).visibleAt(now.plusSeconds(200))
                .change("time_in_minutes", 60L, 90L).emit();
        clock.advance(Duration.ofSeconds(30));
        poll();
        assertTrue(store.events().stream().noneMatch(e -> late.upstreamIds().contains(e.sourceEventId())),
                "not visible yet");
        clock.advance(PAST_LATENESS);
        poll();

        assertTrue(store.events().stream().anyMatch(e -> late.upstreamIds().contains(e.sourceEventId())));
        int checked = TruthCheck.assertExactlyOnce(truth(), store);
        assertTrue(checked > 2000, "checked " + checked);
        assertTrue(truth().stream().anyMatch(t -> Duration.between(t.happenedAt(), t.visibleAt())
                .compareTo(Duration.ofMinutes(2)) > 0), "the run had events later than two minutes");
    }

    @Test
    void theDocumentedDuplicateIsOneEventEvenWhenItsCopiesComeInDifferentPolls() throws Exception {
        start(k -> k.duplicates(false).lateness(false));
        long entry = sandbox.kantata().subjectIds(SubjectType.TIME_ENTRY).get(0);
        TruthEntry duplicated = sandbox.kantata().inject("time_entry:updated").subject("TimeEntry", entry)
                .user(sandbox.world().person(1).kantataUserId())
                .changedAt(T0.minusSeconds(40)).createdAt(T0.minusSeconds(30))
                .duplicate(T0.plusSeconds(50)).change("time_in_minutes", 60L, 90L).emit();
        poll();
        clock.advance(Duration.ofMinutes(2));
        poll();

        List<SourceEvent> stored = store.events().stream()
                .filter(e -> duplicated.upstreamIds().contains(e.sourceEventId())).toList();
        assertEquals(1, stored.size(), store.events().toString());
        SourceEvent e = stored.get(0);
        assertEquals(duplicated.upstreamIds().get(0), e.sourceEventId(), "the copy read first");
        assertEquals(EventType.UPDATED, e.type());
        assertEquals("time_in_minutes", e.changes().get(0).field());
        assertEquals(90, e.changes().get(0).newValue().asInt());
        assertEquals("workspace", e.container().type());
        TruthCheck.assertExactlyOnce(truth(), store);
    }

    @Test
    void aRestartMidStreamResumesFromTheCheckpointAndLosesNothing() throws Exception {
        start(k -> { });
        sandbox.generator().generate(3000, Duration.ofDays(3));
        assertThrows(TestPoll.SimulatedCrash.class, () -> newPoll(settings()).crashBeforeCommit(4)
                .run(kind.create(settings().build())));
        assertEquals(3, store.checkpoints().size());
        Instant committed = store.checkpoint().orElseThrow().as(Position.class).feeds().get("all").head();
        assertTrue(committed.isAfter(T0.minus(Duration.ofDays(3))) && committed.isBefore(T0), committed.toString());

        newPoll(settings()).stopAfterCommits(2).run(kind.create(settings().build()));
        assertEquals(5, store.checkpoints().size(), "stopped after two more pages");
        clock.advance(PAST_LATENESS);
        poll();
        TruthCheck.assertExactlyOnce(truth(), store);
    }

    @Test
    void refusedCredentialsStopThePollWithoutTouchingTheCheckpoint() throws Exception {
        start(k -> { });
        sandbox.generator().generate(300, Duration.ofHours(1));
        poll();
        int requests = http.sent().size();
        int checkpoints = store.checkpoints().size();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (String token : List.of("wrong-token", sandbox.kantata().settings().memberToken())) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> poll(settings().token(token)));
            statuses.add(e.httpStatus().orElseThrow());
        }
        assertEquals(List.of(401, 403), statuses);
        assertEquals(requests + 2, http.sent().size(), "one request each: no retry storm");
        assertEquals(checkpoints, store.checkpoints().size());
    }

    @Test
    void rateLimitedAndFailingPagesEndThePollAndTheNextPollLosesNothing() throws Exception {
        start(k -> k.rateLimit(3, Duration.ofMinutes(1)));
        sandbox.generator().generate(1500, Duration.ofDays(2));
        SourceException limited = assertThrows(SourceException.class, this::poll);
        assertEquals(429, limited.httpStatus().orElseThrow());
        assertTrue(limited.retryAfter().isEmpty(), "Kantata sends no Retry-After");
        assertEquals(3, store.checkpoints().size(), "three pages committed before the 429");

        clock.advance(Duration.ofMinutes(1));
        sandbox.faults().next(Api.KANTATA, 1, Fault.status(503));
        SourceException unavailable = assertThrows(SourceException.class, this::poll);
        assertEquals(503, unavailable.httpStatus().orElseThrow());
        assertEquals(3, store.checkpoints().size(), "nothing committed from a failed request");

        sandbox.kantata().settings().rateLimit(0, Duration.ofMinutes(1));
        sandbox.faults().next(Api.KANTATA, 1, Fault.notJson());
        SourceException notJson = assertThrows(SourceException.class, this::poll);
        assertTrue(notJson.getMessage().contains("not JSON"), notJson.getMessage());

        clock.advance(PAST_LATENESS);
        poll();
        TruthCheck.assertExactlyOnce(truth(), store);
    }

    @Test
    void malformedRecordsAreSetAsideWithTheirReasonAndTheRestOfThePageIsIngested() throws Exception {
        start(k -> k.lateness(false).duplicates(false));
        sandbox.generator().generate(100, Duration.ofMinutes(30));
        Instant at = T0.minus(Duration.ofMinutes(10));
        TruthEntry noTime = sandbox.kantata().inject("story:updated").createdAt(at).changedAt(at.minusSeconds(3))
                .change("state", "started", "completed").malformed(Malformation.KANTATA_CREATED_AT_NOT_A_TIME).emit();
        TruthEntry noType = sandbox.kantata().inject("expense:updated").createdAt(at).changedAt(at.minusSeconds(2))
                .change("amount_in_cents", 100L, 250L).malformed(Malformation.KANTATA_NO_EVENT_TYPE).emit();
        poll();
        assertEquals(1, http.sent().size(), "one page");
        clock.advance(Duration.ofMinutes(1));
        poll();

        TruthCheck.assertSetAside(truth(), store);
        List<RecordProblem> problems = store.problems();
        assertEquals(2, problems.stream().map(RecordProblem::raw).distinct().count(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.reason().equals("subscribed event "
                + noTime.upstreamIds().get(0) + ": created_at 'yesterday' is not an ISO-8601 time with a UTC offset")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.reason().equals("subscribed event "
                + noType.upstreamIds().get(0) + ": event_type is missing")), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.raw().contains("\"subject_id\"")));
        assertEquals(100, TruthCheck.assertExactlyOnce(truth(), store));
    }

    @Test
    void aGatewayAwayLongerThanTheRetentionReportsTheGapAndLosesNothingOutsideIt() throws Exception {
        start(k -> k.retention(Duration.ofDays(7)));
        sandbox.generator().generate(500, Duration.ofDays(1));
        poll();
        Instant checkpoint = store.checkpoint().orElseThrow().as(Position.class).feeds().get("all").readTo();
        for (int day = 0; day < 10; day++) {
            clock.advance(Duration.ofDays(1));
            sandbox.generator().generate(200);
        }
        clock.advance(PAST_LATENESS);
        poll();

        assertEquals(1, store.gaps().size(), store.gaps().toString());
        Gap gap = store.gaps().get(0);
        Instant keptFrom = clock.instant().minus(Duration.ofDays(7));
        assertEquals(checkpoint.minus(Duration.ofMinutes(15)), gap.from());
        assertEquals(keptFrom, gap.to());
        // Every change is stored once, except those created in the gap: Kantata dropped them.
        TruthCheck.assertExactlyOnce(truth(), store, t -> inGap(t, gap));
        assertTrue(truth().stream().anyMatch(t -> inGap(t, gap)), "the test did lose events to retention");
        clock.advance(Duration.ofMinutes(1));
        poll();
        assertEquals(1, store.gaps().size(), "reported once");
    }

    @Test
    void aLongerUpstreamRetentionThanConfiguredRecoversWhatIsStillKept() throws Exception {
        start(k -> k.retention(Duration.ofDays(9)));
        sandbox.generator().generate(300, Duration.ofDays(1));
        poll();
        clock.advance(Duration.ofDays(8));
        sandbox.generator().generate(400);
        poll();
        clock.advance(PAST_LATENESS);
        poll();

        // Configured for 7 days, the adapter still asked from its checkpoint, and Kantata (9 days) had it all.
        TruthCheck.assertExactlyOnce(truth(), store);
        // All it may report is the stretch of its lookback before the first event it got back, not 8 days.
        assertTrue(store.gaps().size() <= 1, store.gaps().toString());
        for (Gap gap : store.gaps()) {
            assertTrue(Duration.between(gap.from(), gap.to()).compareTo(Duration.ofMinutes(15)) < 0, gap.toString());
        }
    }

    @Test
    void subjectTypeFeedsReadOnlyTheirTypesEachWithItsOwnCursor() throws Exception {
        start(k -> { });
        sandbox.generator().generate(800, Duration.ofDays(1));
        TestSettings filtered = settings().option("subject-types", "TimeEntry,Story")
                .option("event-types", "time_entry:updated,time_entry:created,story:updated,story:created,"
                        + "story:deleted,time_entry:deleted");
        poll(filtered);
        clock.advance(PAST_LATENESS);
        poll(filtered);

        TruthCheck.assertExactlyOnce(truth(), store,
                t -> !t.objectType().equals("TimeEntry") && !t.objectType().equals("Story"));
        assertEquals(java.util.Set.of("time_entry", "story"),
                store.events().stream().map(e -> e.object().type()).collect(java.util.stream.Collectors.toSet()));
        assertEquals(java.util.Set.of("Story", "TimeEntry"),
                store.checkpoint().orElseThrow().as(Position.class).feeds().keySet());
        assertTrue(http.sent().stream().allMatch(u -> u.getQuery().contains("subject_type=")));
    }

    /** Created in the gap (a generated change is created up to 30 s after it happened). */
    private static boolean inGap(TruthEntry t, Gap gap) {
        return !t.happenedAt().plusSeconds(30).isBefore(gap.from()) && t.happenedAt().isBefore(gap.to());
    }
}
