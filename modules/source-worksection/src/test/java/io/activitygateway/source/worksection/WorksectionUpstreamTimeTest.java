package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.spi.Gap;
import io.activitygateway.testkit.SimulatedPolling;
import io.activitygateway.testkit.TestPoll;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Worksection's clock apart from ours, responses cut at 10,000 records, and answers too large to store in one go:
 * polled on a simulated clock against the simulator, compared with its ground truth.
 */
class WorksectionUpstreamTimeTest {

    private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    @ParameterizedTest(name = "Worksection''s clock {0} min off ours")
    @ValueSource(ints = {-20, 20})
    void aClockTwentyMinutesApartLosesAndDoublesNothingAlsoThroughCutResponses(int minutes) throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0)) {
            h.sandbox.clockOffset(Duration.ofMinutes(minutes));
            SimulatedPolling polling = new SimulatedPolling(h.adapter, h.settings, h.store, h.clock, h.http);
            h.sandbox.generator().generate(500, Duration.ofHours(3));
            polling.poll();
            polling.every(INTERVAL, 40, i -> h.sandbox.generator().generate(40));
            // Away two hours while 12,000 records come in: the next read is cut at 10,000 and reads on.
            h.clock.advance(Duration.ofHours(2));
            h.sandbox.generator().generate(12_000);
            polling.poll();
            polling.every(INTERVAL, 20, i -> h.sandbox.generator().generate(40));

            assertEquals(Duration.ofMinutes(minutes), polling.sourceClock().offset(), "measured from Date");
            assertTrue(h.store.warnings().stream().anyMatch(w -> w.contains("returned 10000 records")),
                    "a response was cut: " + h.store.warnings());
            assertTrue(h.store.gaps().isEmpty(), h.store.gaps().toString());
            h.assertStoreMatchesTruth();
            assertTrue(h.store.events().size() > 14_000, "stored " + h.store.events().size());
        }
    }

    @Test
    void theFirstPollAfterARestartRereadsWhenOurEstimateOfWorksectionsClockTrailsIt() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0)) {
            h.poll();
            // Worksection's clock jumps 20 minutes ahead; the adapter's clock (not measuring) does not know.
            h.sandbox.clockOffset(Duration.ofMinutes(20));
            h.sandbox.generator().generate(200);
            h.clock.advance(INTERVAL);
            h.poll();
            assertEquals(3, h.http.sent().size(), "the window began too late, so it was read again at once");
            h.assertStoreMatchesTruth();
        }
    }

    @Test
    void aBackfillOverTheCapReadsOnThroughTheHistoryAndReportsPreciselyWhatNoPeriodCanReach() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0, w -> w.identicalRecords(false),
                c -> c.initialWindow(Duration.ofDays(7)))) {
            h.sandbox.generator().generate(60_000, Duration.ofDays(6));
            h.poll();

            Map<String, Integer> stored = new HashMap<>();
            h.store.events().forEach(e -> stored.merge(WorksectionHarness.describe(e), 1, Integer::sum));
            List<TruthEntry> missing = h.truth().stream().filter(t -> stored.merge(WorksectionHarness.describe(t), -1,
                    Integer::sum) < 0).toList();
            List<Gap> gaps = h.store.gaps();
            for (TruthEntry t : missing) {
                Instant minute = t.happenedAt().truncatedTo(ChronoUnit.MINUTES);
                assertTrue(gaps.stream().anyMatch(g -> !minute.plus(Duration.ofMinutes(1)).isBefore(g.from())
                        && !minute.isAfter(g.to())), "lost outside every reported gap: " + t);
            }
            assertTrue(stored.values().stream().allMatch(n -> n <= 0), "nothing stored twice or unknown");
            Duration gapped = gaps.stream().map(g -> Duration.between(g.from(), g.to())).reduce(Duration.ZERO,
                    Duration::plus);
            assertTrue(h.store.events().size() > 50_000, "stored " + h.store.events().size() + " of 60,000");
            assertTrue(gapped.compareTo(Duration.ofHours(12)) < 0, "gaps: " + gaps);
            assertTrue(h.http.sent().size() < 20, h.http.sent().size() + " requests");
            System.out.printf("worksection backfill of %d over 6 days: %d stored, %d missing, all in %d gaps"
                    + " (%s in all), %d requests%n", h.truth().size(), h.store.events().size(), missing.size(),
                    gaps.size(), gapped, h.http.sent().size());
        }
    }

    @Test
    void aLargeAnswerIsStoredInPartsSoRepeatedRestartsStillGetThrough() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0, w -> w.identicalRecords(false).maxRecords(100_000),
                c -> c)) {
            h.sandbox.generator().generate(20_000, Duration.ofHours(20));
            int attempts = 0;
            while (true) {
                attempts++;
                TestPoll poll = new TestPoll(h.settings, h.store, h.clock, h.http).crashBeforeCommit(4);
                try {
                    poll.run(h.adapter);
                    break;
                } catch (TestPoll.SimulatedCrash crash) {
                    assertTrue(attempts < 10, "no progress across restarts");
                }
                h.clock.advance(INTERVAL);
            }
            assertTrue(attempts >= 3, "each restart kept its three parts: " + attempts + " attempts");
            h.assertStoreMatchesTruth();
            assertEquals(h.store.events().stream().map(e -> e.key()).collect(Collectors.toSet()).size(),
                    h.store.events().size());
        }
    }

    @Test
    void idlePollingForADayCostsOneRequestAPoll() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0)) {
            h.sandbox.generator().generate(300, Duration.ofHours(2));
            SimulatedPolling polling = new SimulatedPolling(h.adapter, h.settings, h.store, h.clock, h.http);
            polling.poll();
            long before = h.sandbox.traffic(Api.WORKSECTION).requests();
            int day = (int) (Duration.ofDays(1).toSeconds() / INTERVAL.toSeconds());
            polling.every(INTERVAL, day, i -> { });
            assertEquals(day, h.sandbox.traffic(Api.WORKSECTION).requests() - before);
            h.assertStoreMatchesTruth();
        }
    }

}
