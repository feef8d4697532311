package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.model.SourceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Daylight saving in the account's zone (the sandbox's Europe/Kyiv): clocks jump 03:00→04:00 on 2026-03-29 at
 * 01:00Z and fall back 04:00→03:00 on 2026-10-25 at 01:00Z, when 03:00..03:59 happen twice.
 */
class WorksectionDstTest {

    private static final Instant FALL_BACK = Instant.parse("2026-10-25T01:00:00Z");
    private static final Instant SPRING_FORWARD = Instant.parse("2026-03-29T01:00:00Z");

    private static void pollEveryMinute(WorksectionHarness h, Instant from, Instant to) throws Exception {
        for (Instant t = from; !t.isAfter(to); t = t.plus(Duration.ofMinutes(1))) {
            h.pollAt(t);
        }
    }

    @Test
    void theSameChangeAtThe0330OfBothHalvesIsTwoEventsAtTheirOwnInstants() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(FALL_BACK.minus(Duration.ofHours(2)))) {
            long task = h.task(0);
            Instant firstHalf = FALL_BACK.minus(Duration.ofMinutes(30)).plusSeconds(10);
            Instant secondHalf = FALL_BACK.plus(Duration.ofMinutes(30)).plusSeconds(20);
            h.taskUpdate(task, "priority", "1", "2").at(firstHalf).emit();
            h.taskUpdate(task, "priority", "1", "2").at(secondHalf).emit();
            h.taskUpdate(task, "name", "Draft", "Plan").at(FALL_BACK.minus(Duration.ofMinutes(15))).emit();
            h.taskUpdate(task, "name", "Plan", "Final").at(FALL_BACK.plus(Duration.ofMinutes(45))).emit();
            h.sandbox.worksection().inject("close", "task", task).at(FALL_BACK.plus(Duration.ofMinutes(15))).emit();

            pollEveryMinute(h, FALL_BACK.minus(Duration.ofMinutes(40)), FALL_BACK.plus(Duration.ofMinutes(70)));

            h.assertStoreMatchesTruth();
            List<Instant> pair = h.store.events().stream()
                    .filter(e -> e.raw().path("new").has("priority")).map(SourceEvent::occurredAt).toList();
            assertEquals(List.of(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:30:00Z")), pair);
            assertTrue(h.store.events().stream().allMatch(e -> e.raw().path("date_added").asText()
                    .startsWith("2026-10-25 03:")), "all five are written in the repeated hour");
            assertTrue(h.periods().stream().anyMatch(p -> p.equals("61m")),
                    "reads in the second half reach back over the first: " + h.periods());
        }
    }

    @Test
    void aFirstReadHoldingBothHalvesStillKeepsBothRecords() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(FALL_BACK.plus(Duration.ofHours(2)))) {
            long task = h.task(0);
            h.taskUpdate(task, "priority", "1", "2").at(FALL_BACK.minus(Duration.ofMinutes(30))).emit();
            h.taskUpdate(task, "priority", "1", "2").at(FALL_BACK.plus(Duration.ofMinutes(30))).emit();
            h.poll();
            h.pollAt(h.clock.instant().plus(Duration.ofMinutes(1)));

            List<SourceEvent> events = h.store.events();
            assertEquals(2, events.size());
            // Both 03:30s lie in the read; the documented choice is the earlier instant.
            assertTrue(events.stream().allMatch(e -> e.occurredAt().equals(Instant.parse("2026-10-25T00:30:00Z"))));
        }
    }

    @Test
    void recordsAcrossTheSpringForwardJumpKeepTheirInstants() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(SPRING_FORWARD.minus(Duration.ofMinutes(20)))) {
            long task = h.task(0);
            h.taskUpdate(task, "priority", "1", "2").at(SPRING_FORWARD.minusSeconds(30)).emit();
            h.taskUpdate(task, "priority", "2", "3").at(SPRING_FORWARD.plusSeconds(30)).emit();
            h.taskUpdate(task, "priority", "3", "4").at(SPRING_FORWARD.plus(Duration.ofMinutes(7))).emit();
            pollEveryMinute(h, SPRING_FORWARD.minus(Duration.ofMinutes(10)), SPRING_FORWARD.plus(Duration.ofMinutes(15)));

            h.assertStoreMatchesTruth();
            assertEquals(List.of("2026-03-29 02:59", "2026-03-29 04:00", "2026-03-29 04:07"),
                    h.store.events().stream().map(e -> e.raw().path("date_added").asText()).sorted().toList());
        }
    }
}
