package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AccountTimeTest {

    private final AccountTime kyiv = new AccountTime(ZoneId.of("Europe/Kyiv"));

    private Instant read(AccountTime time, String dateAdded, String from, String to) {
        return time.toInstant(DateAdded.parse(dateAdded).orElseThrow(), Instant.parse(from), Instant.parse(to));
    }

    private Instant kyiv(String dateAdded, String from, String to) {
        return read(kyiv, dateAdded, from, to);
    }

    @Test
    void usesTheOffsetInForceOnThatDay() {
        assertEquals(Instant.parse("2026-01-14T07:05:00Z"),
                kyiv("2026-01-14 09:05", "2026-01-14T07:00:00Z", "2026-01-14T07:10:00Z"));
        assertEquals(Instant.parse("2026-07-14T06:05:00Z"),
                kyiv("2026-07-14 09:05", "2026-07-14T06:00:00Z", "2026-07-14T06:10:00Z"));
    }

    @Test
    void aTimeInTheSpringForwardGapIsShiftedByTheGapLength() {
        // 2026-03-29 03:00 EET jumps to 04:00 EEST at 01:00Z; 03:30 does not exist and reads as 04:30 EEST.
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"),
                kyiv("2026-03-29 03:30", "2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z"));
    }

    @Test
    void aFallBackTimeIsTheOneInstantThatLiesInTheRead() {
        // 2026-10-25 03:30 happened at 00:30Z (EEST) and again at 01:30Z (EET).
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"),
                kyiv("2026-10-25 03:30", "2026-10-25T00:20:00Z", "2026-10-25T00:40:00Z"));
        assertEquals(Instant.parse("2026-10-25T01:30:00Z"),
                kyiv("2026-10-25 03:30", "2026-10-25T01:20:00Z", "2026-10-25T01:40:00Z"));
    }

    @Test
    void aFallBackTimeIsTheEarlierInstantWhenTheReadHoldsBoth() {
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"),
                kyiv("2026-10-25 03:30", "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z"));
    }

    @Test
    void theMinuteTouchingTheReadsStartCounts() {
        // The earlier 03:30 minute ends at 00:31Z: a read from 00:30:30Z still touches it, so both fit -> earlier.
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"),
                kyiv("2026-10-25 03:30", "2026-10-25T00:30:30Z", "2026-10-25T01:40:00Z"));
        // From 00:31Z on only the later one can be in the read.
        assertEquals(Instant.parse("2026-10-25T01:30:00Z"),
                kyiv("2026-10-25 03:30", "2026-10-25T00:31:00Z", "2026-10-25T01:40:00Z"));
    }

    @Test
    void aZoneWithoutDaylightSavingIsAFixedShift() {
        AccountTime tokyo = new AccountTime(ZoneId.of("Asia/Tokyo"));
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"),
                read(tokyo, "2026-10-25 09:30", "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z"));
    }
}
