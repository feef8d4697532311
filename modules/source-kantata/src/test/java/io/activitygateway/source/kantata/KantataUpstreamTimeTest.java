package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.http.Traffic;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.testkit.LoopbackHttp;
import io.activitygateway.testkit.MemoryStore;
import io.activitygateway.testkit.SettableClock;
import io.activitygateway.testkit.SimulatedPolling;
import io.activitygateway.testkit.TestSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Time and economy against the Kantata simulator, polled every 30 s with the default settings on a simulated clock:
 * Kantata's lateness (up to 10 minutes) and duplicates on, its clock set apart from ours, its pipeline stalled.
 * Every test ends with nothing lost and nothing doubled against the ground truth, and counts what it cost.
 */
class KantataUpstreamTimeTest {

    private static final Instant T0 = Instant.parse("2024-06-03T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    /** Polls a quarter of an hour of quiet takes: the default lookback, for the last events to settle. */
    private static final int SETTLE_POLLS = 40;

    private final SettableClock clock = new SettableClock(T0);
    private final MemoryStore store = new MemoryStore("kantata-time");
    private final KantataKind kind = new KantataKind();
    private Sandbox sandbox;
    private SimulatedPolling polling;

    private void start(Duration clockOffset) throws Exception {
        sandbox = Sandbox.builder().clock(clock).clockOffset(clockOffset).seed(18).apis(Api.KANTATA)
                .kantata(k -> k.rateLimit(0, Duration.ofMinutes(1))).start();
        TestSettings settings = TestSettings.of(kind).baseUrl(URI.create(sandbox.kantataBaseUrl()))
                .token(sandbox.kantata().settings().token());
        polling = new SimulatedPolling(kind.create(settings.build()), settings.build(), store, clock,
                new LoopbackHttp(URI.create(sandbox.kantataBaseUrl())));
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private List<TruthEntry> truth() {
        return sandbox.truth().of(Api.KANTATA);
    }

    /** Upstream records that exist: a duplicated change is two. */
    private long upstreamRecords() {
        return truth().stream().mapToLong(t -> t.upstreamIds().size()).sum();
    }

    /** {@code perPoll} new changes spread over each poll interval, for {@code polls} polls. */
    private void busy(int polls, int perPoll) throws Exception {
        polling.every(INTERVAL, polls, i -> sandbox.generator().generate(perPoll));
    }

    private void quiet(int polls) throws Exception {
        polling.every(INTERVAL, polls, i -> { });
    }

    @ParameterizedTest(name = "{0} events/s")
    @ValueSource(ints = {5, 50})
    void eachEventIsFetchedAboutTwiceAndNoneIsMissed(int perSecond) throws Exception {
        start(Duration.ZERO);
        polling.poll();
        Traffic.Snapshot before = sandbox.traffic(Api.KANTATA).snapshot();
        int polls = perSecond == 5 ? 80 : 30;
        busy(polls, perSecond * 30);
        Traffic.Snapshot busy = sandbox.traffic(Api.KANTATA).snapshot().minus(before);
        quiet(SETTLE_POLLS);
        Traffic.Snapshot all = sandbox.traffic(Api.KANTATA).snapshot().minus(before);

        int stored = TruthCheck.assertExactlyOnce(truth(), store);
        assertTrue(truth().stream().anyMatch(t -> Duration.between(t.happenedAt(), t.visibleAt())
                .compareTo(Duration.ofMinutes(5)) > 0), "the run had events more than 5 minutes late");
        double readsPerRecord = (double) all.records() / upstreamRecords();
        assertTrue(readsPerRecord <= 2.5, "reads per upstream record: " + readsPerRecord);
        assertTrue(readsPerRecord >= 1.2, "the settled re-read happens: " + readsPerRecord);
        // Per busy poll: the new events and the settled ones, 200 a page, plus a last short page each.
        double requestsPerPoll = (double) busy.requests() / polls;
        double pagesOfNew = perSecond * 30 / 200.0;
        assertTrue(requestsPerPoll <= 2 * Math.ceil(pagesOfNew * 1.25) + 1, "requests per poll: " + requestsPerPoll);
        System.out.printf("kantata %d events/s: %d stored, %.2f reads per upstream record, %.1f requests per busy"
                + " poll, %.4f requests per stored event%n", perSecond, stored, readsPerRecord, requestsPerPoll,
                (double) all.requests() / stored);
    }

    @Test
    void aTwoHourStallFlushedWithItsOriginalTimesLosesNothingAndCostsOneRequestAPollMeanwhile() throws Exception {
        start(Duration.ZERO);
        polling.poll();
        busy(60, 30);
        sandbox.kantata().settings().stall(sandbox.clock().instant());
        long stalledAt = sandbox.traffic(Api.KANTATA).requests();
        busy(240, 30);
        long duringStall = sandbox.traffic(Api.KANTATA).requests() - stalledAt;
        int heldBack = (int) truth().stream().filter(t -> !t.visibleAt().isBefore(sandbox.kantata().settings()
                .stalledSince())).count();
        sandbox.kantata().settings().flush();
        busy(10, 30);
        quiet(SETTLE_POLLS);

        assertTrue(heldBack > 7_000, "events held back by the stall: " + heldBack);
        // A stalled feed looks quiet: one request a poll, and once the tail of its last lookback (15 min at 1/s).
        assertTrue(duringStall <= 240 + 900 / 200 + 2, duringStall + " requests in 240 polls");
        TruthCheck.assertExactlyOnce(truth(), store);
    }

    @ParameterizedTest(name = "Kantata''s clock {0} min off ours")
    @ValueSource(ints = {-20, 20})
    void aKantataClockTwentyMinutesApartLosesAndDoublesNothing(int minutes) throws Exception {
        start(Duration.ofMinutes(minutes));
        sandbox.generator().generate(300, Duration.ofHours(2));
        polling.poll();
        busy(60, 60);
        quiet(SETTLE_POLLS);

        assertEquals(Duration.ofMinutes(minutes), polling.sourceClock().offset(), "measured from Date");
        int stored = TruthCheck.assertExactlyOnce(truth(), store);
        assertTrue(stored > 3500, "stored " + stored);
    }

    @Test
    void aDayOfIdlePollingCostsOneRequestAPoll() throws Exception {
        start(Duration.ZERO);
        sandbox.generator().generate(500, Duration.ofHours(3));
        polling.poll();
        quiet(SETTLE_POLLS);
        long before = sandbox.traffic(Api.KANTATA).requests();
        int day = (int) (Duration.ofDays(1).toSeconds() / INTERVAL.toSeconds());
        quiet(day);
        assertEquals(day, sandbox.traffic(Api.KANTATA).requests() - before);
        TruthCheck.assertExactlyOnce(truth(), store);
    }
}
