package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.spi.Gap;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TruncationTest {

    private static final Duration LOOKBACK = Duration.ofMinutes(5);
    private final Truncation truncation = new Truncation(LOOKBACK);
    private final Instant now = Instant.parse("2026-01-14T12:00:00Z");
    private final Window window = new Window(now.minus(Duration.ofHours(3)), now, new Period(3, ChronoUnit.HOURS),
            Optional.empty());
    private final Instant t1 = now.minus(Duration.ofMinutes(170));
    private final Instant t2 = now.minus(Duration.ofMinutes(90));

    @Test
    void aResponseBelowTheLimitCoversUpToTheRequest() {
        Truncation.Verdict v = truncation.judge(Truncation.SUSPECT_AT - 1, List.of(t1, t2), window, "w", false);
        assertEquals(now, v.coveredUntil());
        assertTrue(v.gap().isEmpty());
        assertTrue(v.warning().isEmpty());
    }

    @Test
    void aFullOldestFirstResponseCoversOnlyUpToItsNewestMinuteAndWarns() {
        Truncation.Verdict v = truncation.judge(Truncation.SUSPECT_AT, List.of(t1, t2), window,
                "get_events period=3h", false);
        assertEquals(t2, v.coveredUntil(), "the next poll reads on from the newest record seen");
        assertTrue(v.gap().isEmpty());
        String warning = v.warning().orElseThrow();
        assertTrue(warning.contains("get_events period=3h returned 10000 records"), warning);
        assertTrue(warning.contains("set project-ids"), warning);
    }

    @Test
    void aFullOldestFirstResponseAsksToReadOnAndAShortOneDoesNot() {
        assertTrue(truncation.judge(Truncation.SUSPECT_AT, List.of(t1, t2), window, "w", true).readOn());
        assertTrue(!truncation.judge(Truncation.SUSPECT_AT - 1, List.of(t1, t2), window, "w", true).readOn());
        assertTrue(!truncation.judge(Truncation.SUSPECT_AT, List.of(t2, t1), window, "w", true).readOn(),
                "newest first: what was cut is older, no later read can get it");
    }

    @Test
    void aFullNewestFirstResponseLostItsOldestRecords() {
        Truncation.Verdict v = truncation.judge(Truncation.SUSPECT_AT, List.of(t2, t1), window, "w", false);
        assertEquals(now, v.coveredUntil());
        Gap gap = v.gap().orElseThrow();
        assertEquals(window.since(), gap.from());
        assertEquals(t1.plus(Duration.ofMinutes(1)), gap.to());
    }
}
