package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.model.EventType;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.spi.Gap;
import io.activitygateway.testkit.TestPoll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Polling the sandbox over real HTTP: windows, overlaps, identical records, ground truth. */
class WorksectionPollingTest {

    private static final Instant T0 = Instant.parse("2026-01-14T10:00:00Z");

    @Test
    void steadyPollingStoresExactlyTheGroundTruthIdenticalPairsIncluded() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0, w -> w.identicalRecords(true, 0.3), c -> c)) {
            h.poll();
            for (int i = 0; i < 120; i++) {
                h.clock.advance(Duration.ofSeconds(30));
                h.sandbox.generator().generate(3);
                h.poll();
            }
            h.clock.advance(Duration.ofSeconds(30));
            h.poll();

            Map<String, Integer> perChange = new HashMap<>();
            h.truth().forEach(t -> perChange.merge(WorksectionHarness.describe(t), 1, Integer::sum));
            assertTrue(perChange.values().stream().anyMatch(n -> n > 1), "the run has identical records");
            h.assertStoreMatchesTruth();
            assertEquals("24h", h.periods().get(0), "the first read reaches back the initial window");
            assertTrue(h.periods().subList(1, h.periods().size()).stream().allMatch("6m"::equals),
                    "30 s apart with a 5 min lookback, every read is 6 minutes: " + h.periods());
            assertEquals(122, h.http.sent().size(), "one request per poll");
        }
    }

    @Test
    void theWindowGrowsFromMinutesToHoursToDaysAndLosesNothingAfterDowntime() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0)) {
            h.poll();
            long task = h.task(0);
            List<String> periods = new ArrayList<>();
            int n = 0;
            for (Duration away : List.of(Duration.ofMinutes(1), Duration.ofMinutes(355), Duration.ofMinutes(356),
                    Duration.ofHours(72).minusMinutes(5), Duration.ofHours(72), Duration.ofDays(30).minusMinutes(5))) {
                Instant lastPoll = h.clock.instant();
                h.clock.advance(away);
                // Right after the last request and right before this one: the two edges of the unread span.
                h.taskUpdate(task, "priority", "p" + n, "p" + (n + 1)).at(lastPoll.plusSeconds(1)).emit();
                h.taskUpdate(task, "priority", "p" + (n + 1), "p" + (n + 2)).at(h.clock.instant().minusSeconds(1))
                        .emit();
                n += 2;
                h.poll();
                periods.add(h.lastPeriod());
            }
            assertEquals(List.of("6m", "360m", "7h", "72h", "4d", "30d"), periods);
            h.assertStoreMatchesTruth();
            assertEquals(12, h.store.events().size());
            assertTrue(h.store.gaps().isEmpty());
        }
    }

    @Test
    void moreThanThirtyDaysAwayReadsThirtyDaysAndReportsTheRestAsAGap() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0)) {
            h.poll();
            Instant lastPoll = h.clock.instant();
            h.clock.advance(Duration.ofDays(40));
            long task = h.task(0);
            TruthEntry lost = h.taskUpdate(task, "priority", "1", "2").at(lastPoll.plus(Duration.ofDays(2))).emit();
            h.taskUpdate(task, "priority", "2", "3").at(h.clock.instant().minus(Duration.ofDays(20))).emit();
            h.poll();

            assertEquals("30d", h.lastPeriod());
            Gap gap = h.store.gaps().get(0);
            assertEquals(lastPoll.minus(h.settings.lookback()), gap.from());
            assertEquals(h.clock.instant().minus(Duration.ofDays(30)), gap.to());
            assertTrue(gap.from().isBefore(lost.happenedAt()) && gap.to().isAfter(lost.happenedAt()),
                    "the record out of reach lies in the reported gap");
            assertEquals(1, h.store.events().size());
            assertEquals(List.of("priority"), h.store.events().get(0).changes().stream().map(c -> c.field()).toList());
        }
    }

    @Test
    void identicalRecordsInOneMinuteAreTwoEventsAndAFillingMinuteKeepsItsKeys() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0)) {
            long task = h.task(0);
            h.taskUpdate(task, "date_end", "2026-01-01", "2026-01-05").at(T0.plusSeconds(2)).emit();
            h.pollAt(T0.plusSeconds(20));
            assertEquals(1, h.store.events().size());
            String first = h.store.events().get(0).key();

            h.taskUpdate(task, "date_end", "2026-01-01", "2026-01-05").at(T0.plusSeconds(40)).emit();
            h.pollAt(T0.plusSeconds(50));
            h.pollAt(T0.plusSeconds(80));
            h.pollAt(T0.plusSeconds(400));

            List<String> keys = h.store.events().stream().map(SourceEvent::key).toList();
            String fingerprint = first.substring(0, first.indexOf('#'));
            assertEquals(List.of(fingerprint + "#0", fingerprint + "#1"), keys);
            assertTrue(h.store.events().stream().allMatch(e -> e.occurredAt().equals(T0)));
            h.assertStoreMatchesTruth();
        }
    }

    @Test
    void aMinuteFirstSeenFillingAndThenCutIsStillReadWholeThanksToTheLookback() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0)) {
            long task = h.task(0);
            h.taskUpdate(task, "priority", "1", "2").at(T0.plusSeconds(2)).emit();
            h.pollAt(T0.plusSeconds(20));
            h.taskUpdate(task, "priority", "1", "2").at(T0.plusSeconds(40)).emit();
            h.pollAt(T0.plusSeconds(70));

            // Without the overlap this read would be 1m from 10:01:10: it would see only the second record of
            // 10:00, number it #0 like the first one already stored, and lose it.
            assertEquals(1, h.fetch("1m").size());
            assertEquals(2, h.store.events().size());
            assertEquals("6m", h.lastPeriod());
            h.assertStoreMatchesTruth();
        }
    }

    @Test
    void aWindowThatCutsAMinuteAlreadyReadWholeAddsNothing() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0)) {
            long task = h.task(0);
            for (int second : new int[] {10, 20, 50}) {
                h.taskUpdate(task, "priority", "1", "2").at(T0.plusSeconds(second)).emit();
            }
            h.pollAt(T0.plusSeconds(90));
            assertEquals(3, h.store.events().size());
            h.pollAt(T0.plusSeconds(360));
            h.pollAt(T0.plusSeconds(390));

            // Last read: since 10:01:00 - 5 min lookback -> 6m from 10:06:30, so the window starts at 10:00:30
            // and holds one of the three records of 10:00.
            assertEquals("6m", h.lastPeriod());
            assertEquals(1, h.fetch("6m").size(), "the window cuts minute 10:00");
            assertEquals(3, h.store.events().size());
            h.assertStoreMatchesTruth();
        }
    }

    @Test
    void aCrashBetweenTwoProjectsLosesAndDoublesNothing() throws Exception {
        try (WorksectionHarness h = projectHarness()) {
            h.sandbox.generator().generate(60, Duration.ofHours(2));
            assertThrows(TestPoll.SimulatedCrash.class,
                    () -> new TestPoll(h.settings, h.store, h.clock, h.http).crashBeforeCommit(2).run(h.adapter));
            assertEquals(1, h.store.checkpoints().size(), "the first project is stored");
            h.clock.advance(Duration.ofSeconds(30));
            h.poll();
            assertProjectsMatchTruth(h);
        }
    }

    @Test
    void eachConfiguredProjectIsReadWithItsOwnRequestAndPosition() throws Exception {
        try (WorksectionHarness h = projectHarness()) {
            for (int i = 0; i < 20; i++) {
                h.clock.advance(Duration.ofSeconds(45));
                h.sandbox.generator().generate(6);
                h.poll();
            }
            assertProjectsMatchTruth(h);
            List<String> ids = h.http.sent().stream().map(u -> WorksectionHarness.param(u, "id_project")).toList();
            List<Long> projects = projectsOf(h);
            assertEquals(40, ids.size());
            assertEquals(String.valueOf(projects.get(0)), ids.get(38));
            assertEquals(String.valueOf(projects.get(1)), ids.get(39));
            String checkpoint = h.store.checkpoint().orElseThrow().toJson();
            assertTrue(checkpoint.contains("\"project:" + projects.get(0) + "\""), checkpoint);
            assertTrue(checkpoint.contains("\"project:" + projects.get(1) + "\""), checkpoint);
        }
    }

    @Test
    void aStopRequestEndsThePollBetweenProjects() throws Exception {
        try (WorksectionHarness h = projectHarness()) {
            new TestPoll(h.settings, h.store, h.clock, h.http).stopAfterCommits(1).run(h.adapter);
            assertEquals(1, h.http.sent().size());
        }
    }

    @Test
    void anIdlePollCostsOneRequestAndStoresNothing() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0)) {
            h.sandbox.generator().generate(20, Duration.ofHours(1));
            h.poll();
            int stored = h.store.events().size();
            h.clock.advance(Duration.ofMinutes(1));
            h.poll();
            assertEquals(2, h.http.sent().size());
            assertEquals(stored, h.store.events().size());
            assertEquals(2, h.store.checkpoints().size(), "the idle poll still moves the position");
        }
    }

    @Test
    void aResponseAtTheCapIsReadOnInTheSamePollAndTheOperatorIsWarned() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0, w -> w.identicalRecords(false), c -> c)) {
            h.sandbox.generator().generate(12_000, Duration.ofHours(2));
            h.poll();
            assertEquals(2, h.http.sent().size(), "the cut response, then one starting at its newest minute");
            String warning = h.store.warnings().get(0);
            assertTrue(warning.contains("returned 10000 records") && warning.contains("project-ids"), warning);
            assertTrue(h.store.gaps().isEmpty());
            h.assertStoreMatchesTruth();

            h.clock.advance(Duration.ofSeconds(30));
            h.poll();
            assertEquals(3, h.http.sent().size(), "then one request a poll again");
            h.assertStoreMatchesTruth();
        }
    }

    @Test
    void linksPointAtTheAccountAndEveryEventKeepsItsRawRecord() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0, w -> w.identicalRecords(false), c -> c)) {
            h.sandbox.generator().generate(40, Duration.ofHours(1));
            h.poll();
            assertTrue(h.store.events().size() >= 40);
            for (SourceEvent e : h.store.events()) {
                assertTrue(e.object().url().startsWith(h.sandbox.baseUrl() + "/project/"), e.object().url());
                assertTrue(e.raw().has("date_added"));
                assertTrue(e.type() != EventType.OTHER, e.sourceType());
            }
        }
    }

    private static WorksectionHarness projectHarness() throws Exception {
        List<Long> projects;
        try (WorksectionHarness probe = WorksectionHarness.start(T0)) {
            projects = probe.sandbox.worksection().objectIds("project");
        }
        String ids = projects.get(0) + "," + projects.get(1);
        return WorksectionHarness.start(T0, w -> w.identicalRecords(true, 0.2), c -> c.option("project-ids", ids));
    }

    private static List<Long> projectsOf(WorksectionHarness h) {
        return h.sandbox.worksection().objectIds("project").subList(0, 2);
    }

    private static void assertProjectsMatchTruth(WorksectionHarness h) {
        List<String> projects = projectsOf(h).stream().map(String::valueOf).toList();
        List<String> expected = h.truth().stream()
                .filter(t -> t.malformed() == null && projects.contains(t.containerId()))
                .map(WorksectionHarness::describe).sorted().toList();
        List<String> stored = h.store.events().stream().map(WorksectionHarness::describe).sorted().toList();
        assertTrue(!expected.isEmpty());
        assertEquals(expected, stored);
    }
}
