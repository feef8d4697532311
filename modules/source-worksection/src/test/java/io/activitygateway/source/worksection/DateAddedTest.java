package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.model.TimePrecision;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DateAddedTest {

    @Test
    void readsTheDocumentedMinuteForm() {
        DateAdded d = DateAdded.parse("2026-01-14 09:05").orElseThrow();
        assertEquals(LocalDateTime.of(2026, 1, 14, 9, 5), d.local());
        assertEquals(TimePrecision.MINUTE, d.precision());
    }

    @Test
    void keepsSecondsWhenTheyAreSent() {
        DateAdded d = DateAdded.parse(" 2026-01-14 09:05:42 ").orElseThrow();
        assertEquals(LocalDateTime.of(2026, 1, 14, 9, 5, 42), d.local());
        assertEquals(TimePrecision.SECOND, d.precision());
    }

    @Test
    void refusesWhatIsNotADateAndTime() {
        for (String bad : new String[] {"", "yesterday", "2026-01-14", "2026-02-30 10:00", "2026-01-14 24:00",
                "14.01.2026 09:05", "2026-01-14 09:05+02:00", "YYYY—MM—DD HH:II"}) {
            assertTrue(DateAdded.parse(bad).isEmpty(), bad);
        }
        assertTrue(DateAdded.parse(null).isEmpty());
    }
}
