package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static String covering(Duration span) {
        return Period.covering(span).orElseThrow().toString();
    }

    @Test
    void minutesRoundUpAndNeverGoBelowOne() {
        assertEquals("1m", covering(Duration.ZERO));
        assertEquals("1m", covering(Duration.ofSeconds(20)));
        assertEquals("1m", covering(Duration.ofMinutes(1)));
        assertEquals("2m", covering(Duration.ofMinutes(1).plusMillis(1)));
        assertEquals("6m", covering(Duration.ofMinutes(5).plusSeconds(30)));
    }

    @Test
    void movesFromMinutesToHoursToDaysAtTheDocumentedLimits() {
        assertEquals("360m", covering(Duration.ofMinutes(360)));
        assertEquals("7h", covering(Duration.ofMinutes(360).plusSeconds(1)));
        assertEquals("72h", covering(Duration.ofHours(72)));
        assertEquals("4d", covering(Duration.ofHours(72).plusSeconds(1)));
        assertEquals("30d", covering(Duration.ofDays(30)));
    }

    @Test
    void nothingReachesBeyondThirtyDays() {
        assertTrue(Period.covering(Duration.ofDays(30).plusSeconds(1)).isEmpty());
        assertTrue(Period.covering(Duration.ofDays(4000)).isEmpty());
    }

    @Test
    void theChosenPeriodAlwaysCoversTheSpanAndOneUnitLessWouldNot() {
        for (long seconds = 1; seconds < Duration.ofDays(30).toSeconds(); seconds = seconds * 3 / 2 + 7) {
            Duration span = Duration.ofSeconds(seconds);
            Period p = Period.covering(span).orElseThrow();
            assertTrue(p.length().compareTo(span) >= 0, p + " covers " + span);
            Duration oneLess = p.length().minus(p.unit().getDuration());
            assertTrue(oneLess.compareTo(span) < 0, p + " is the smallest of its unit for " + span);
        }
    }

    @Test
    void refusesPeriodsTheApiRejects() {
        assertThrows(IllegalArgumentException.class, () -> new Period(361, ChronoUnit.MINUTES));
        assertThrows(IllegalArgumentException.class, () -> new Period(73, ChronoUnit.HOURS));
        assertThrows(IllegalArgumentException.class, () -> new Period(31, ChronoUnit.DAYS));
        assertThrows(IllegalArgumentException.class, () -> new Period(0, ChronoUnit.MINUTES));
        assertThrows(IllegalArgumentException.class, () -> new Period(1, ChronoUnit.WEEKS));
    }
}
