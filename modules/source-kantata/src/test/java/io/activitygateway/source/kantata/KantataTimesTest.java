package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KantataTimesTest {

    private static Instant read(String value) throws Exception {
        JsonNode record = Json.mapper().readTree("{\"t\":" + value + "}");
        return KantataTimes.read(record, "t");
    }

    @Test
    void readsZuluAndEveryOffsetSpellingAsTheSameUtcInstant() throws Exception {
        Instant utc = Instant.parse("2024-03-31T01:30:00Z");
        assertEquals(utc, read("\"2024-03-31T01:30:00Z\""));
        assertEquals(utc, read("\"2024-03-31T03:30:00+02:00\""));
        assertEquals(utc, read("\"2024-03-31T03:30:00+0200\""));
        assertEquals(utc, read("\"2024-03-30T20:30:00-05:00\""));
        assertEquals(utc.plusMillis(250), read("\"2024-03-31T03:30:00.250+02:00\""));
    }

    @Test
    void refusesTimesWithoutOffsetOrNotTimesAtAll() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("\"2024-03-31T01:30:00\""))
                .getMessage().contains("with a UTC offset"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("1711848600")).getMessage()
                .contains("t is not a time"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("null")).getMessage()
                .contains("t is missing"));
    }

    /** The by-position reading of the usual form gives what the formatter gives, and leaves it every other case. */
    @Test
    void readsTheUsualFormByPositionAsTheFormatterDoes() throws Exception {
        for (String v : new String[] {"2024-03-31T01:30:00Z", "2024-03-31T01:30:00.1Z", "2024-12-31T23:59:59.123456789Z",
                "2024-02-29T00:00:00-11:30", "2024-03-31T01:30:00.250+14:00", "2024-03-31t01:30:00z",
                "2024-03-31T01:30:00+02:00:30", "2024-03-31T01:30Z"}) {
            assertEquals(java.time.OffsetDateTime.parse(v.toUpperCase(java.util.Locale.ROOT),
                    java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(), read("\"" + v + "\""), v);
        }
        // (a day or hour out of range goes to the formatter too, whose lenient resolving decides it as before)
        for (String bad : new String[] {"2024-03-31T01:30:00+01:75",
                "2024-03-31T01:30:00+19:00",
                "2024-03-31 01:30:00Z", "2024-3-31T01:30:00Z"}) {
            assertThrows(IllegalArgumentException.class, () -> read("\"" + bad + "\""), bad);
        }
    }

    @Test
    void formatsUtcOnWholeSeconds() {
        assertEquals("2024-03-31T01:30:00Z", KantataTimes.format(Instant.parse("2024-03-31T01:30:00.900Z")));
    }
}
