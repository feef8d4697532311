package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTimesTest {

    private static final DateTimeFormatter READ =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    @ParameterizedTest
    @CsvSource({
            "2016-01-18T19:16:53Z, America/Los_Angeles, 'Mon, 18 Jan 2016 11:16:53 -0800'",
            "2026-07-01T12:00:00Z, Europe/Berlin, 'Wed, 01 Jul 2026 14:00:00 +0200'",
            "2026-01-01T00:30:00Z, Asia/Kolkata, 'Thu, 01 Jan 2026 06:00:00 +0530'",
            // UTC is written as +0000, never as Z or GMT
            "2026-11-20T10:00:00Z, UTC, 'Fri, 20 Nov 2026 10:00:00 +0000'"})
    void writesRfc2822InTheUsersZoneWithItsOffset(String instant, String zone, String expected) {
        assertEquals(expected, RequestTimes.startTime(Instant.parse(instant), ZoneId.of(zone)));
        assertEquals(expected, RequestTimes.endTime(Instant.parse(instant), ZoneId.of(zone)));
    }

    @Test
    void dropsFractionsOfASecond() {
        assertEquals("Fri, 20 Nov 2026 10:00:00 +0000",
                RequestTimes.startTime(Instant.parse("2026-11-20T10:00:00.999Z"), ZoneOffset.UTC));
    }

    @Test
    void inTheRepeatedHourTheBoundsMoveOutByTheOverlap() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 2026-10-25 02:30 happens twice in Berlin: at 00:30Z (+02:00) and at 01:30Z (+01:00)
        Instant firstHalfPast2 = Instant.parse("2026-10-25T00:30:00Z");

        assertEquals("Sun, 25 Oct 2026 01:30:00 +0200", RequestTimes.startTime(firstHalfPast2, berlin));
        assertEquals("Sun, 25 Oct 2026 02:30:00 +0100", RequestTimes.endTime(firstHalfPast2, berlin));
    }

    /**
     * Whether Onehub honours the written offset or reads the wall-clock time in the user's zone (either offset in
     * a repeated hour), a start is never read after the instant meant and an end never before it.
     */
    @Test
    void everyReadingCoversTheWindowAroundClockChanges() {
        for (String zone : List.of("Europe/Berlin", "America/Los_Angeles", "Australia/Lord_Howe", "UTC")) {
            ZoneId id = ZoneId.of(zone);
            for (String day : List.of("2026-03-28T00:00:00Z", "2026-10-24T00:00:00Z", "2026-04-04T00:00:00Z",
                    "2026-11-01T00:00:00Z", "2026-10-03T00:00:00Z")) {
                Instant t = Instant.parse(day);
                for (int step = 0; step < 2 * 24 * 6; step++, t = t.plus(Duration.ofMinutes(10))) {
                    for (Instant reading : readings(RequestTimes.startTime(t, id), id)) {
                        assertFalse(reading.isAfter(t), zone + ": start for " + t + " read as " + reading);
                    }
                    for (Instant reading : readings(RequestTimes.endTime(t, id), id)) {
                        assertFalse(reading.isBefore(t), zone + ": end for " + t + " read as " + reading);
                    }
                }
            }
        }
    }

    @Test
    void outsideARepeatedHourTheTimeIsExact() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant t = Instant.parse("2026-10-25T02:30:00Z");
        String start = RequestTimes.startTime(t, berlin);

        assertEquals(List.of(t), readings(start, berlin));
        assertTrue(start.endsWith("+0100"), start);
    }

    /** The written instant, plus every instant the wall-clock time stands for in the zone. */
    private static List<Instant> readings(String rfc2822, ZoneId zone) {
        OffsetDateTime written = OffsetDateTime.parse(rfc2822, READ);
        LocalDateTime wallClock = written.toLocalDateTime();
        List<Instant> all = new java.util.ArrayList<>();
        all.add(written.toInstant());
        zone.getRules().getValidOffsets(wallClock).forEach(o -> all.add(wallClock.toInstant(o)));
        return List.copyOf(new java.util.LinkedHashSet<>(all));
    }
}
