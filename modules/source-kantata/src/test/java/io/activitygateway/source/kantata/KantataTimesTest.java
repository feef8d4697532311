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

    @Test
    void formatsUtcOnWholeSeconds() {
        assertEquals("2024-03-31T01:30:00Z", KantataTimes.format(Instant.parse("2024-03-31T01:30:00.900Z")));
    }
}
