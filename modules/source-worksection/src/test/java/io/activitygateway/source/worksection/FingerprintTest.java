package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Json;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static final String RECORD = """
            {"action":"update","object":{"type":"task","id":"4242","page":"/project/71/4242/"},
             "date_added":"2026-01-14 09:06","user_from":{"id":"12","email":"jane@example.com","name":"Jane Doe"},
             "new":{"date_end":"2026-01-05","priority":"5"},"old":{"date_end":"2026-01-01","priority":"1"}}""";

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    private static String fingerprint(String text) throws Exception {
        return Fingerprint.of(json(text));
    }

    @Test
    void ignoresKeyOrderAndValuesThatCanChangeAfterTheFact() throws Exception {
        String reordered = """
                {"user_from":{"name":"Jane Smith","email":"jane.smith@example.com","id":"12"},
                 "old":{"priority":"1","date_end":"2026-01-01"},"new":{"priority":"5","date_end":"2026-01-05"},
                 "object":{"page":"/project/88/4242/","id":4242,"type":"task"},
                 "date_added":"2026-01-14 09:06","action":"update"}""";
        assertEquals(fingerprint(RECORD), fingerprint(reordered));
    }

    @Test
    void changesWithEveryPartOfTheChange() throws Exception {
        String base = fingerprint(RECORD);
        assertNotEquals(base, fingerprint(RECORD.replace("\"update\"", "\"close\"")));
        assertNotEquals(base, fingerprint(RECORD.replace("\"task\"", "\"comment\"")));
        assertNotEquals(base, fingerprint(RECORD.replace("\"4242\",", "\"4243\",")));
        assertNotEquals(base, fingerprint(RECORD.replace("09:06", "09:07")));
        assertNotEquals(base, fingerprint(RECORD.replace("\"id\":\"12\"", "\"id\":\"13\"")));
        assertNotEquals(base, fingerprint(RECORD.replace("2026-01-05", "2026-01-06")));
        assertNotEquals(base, fingerprint(RECORD.replace("\"priority\":\"1\"", "\"priority\":\"2\"")));
    }

    @Test
    void emptyNewOrOldAsPhpWritesThemEqualsAbsent() throws Exception {
        String closed = """
                {"action":"close","object":{"type":"task","id":"4242"},"date_added":"2026-01-14 09:06",
                 "user_from":{"id":"12"}}""";
        String withEmpty = closed.replace("}}", "},\"new\":[],\"old\":{}}");
        assertEquals(fingerprint(closed), fingerprint(withEmpty));
    }

    @Test
    void countsIdenticalRecordsSoTheyKeepApartAndAreStable() {
        OccurrenceCounter counter = new OccurrenceCounter();
        assertEquals("a#0", counter.next("a"));
        assertEquals("b#0", counter.next("b"));
        assertEquals("a#1", counter.next("a"));
        assertEquals("a#2", counter.next("a"));
        OccurrenceCounter again = new OccurrenceCounter();
        assertEquals("a#0", again.next("a"), "a new response counts from 0 again");
    }
}
