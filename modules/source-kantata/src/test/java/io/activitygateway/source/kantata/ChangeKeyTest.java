package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.activitygateway.model.Json;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.SourceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeKeyTest {

    private static final Instant AT = Instant.parse("2024-05-01T10:15:02Z");

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    private static String key(JsonNode payloadChanges) {
        return ChangeKey.of("time_entry:updated", "TimeEntry", "123", AT, "7", payloadChanges);
    }

    @Test
    void theDocumentedDuplicateGivesOneEventWhateverItsIdAndCreatedAt() throws SourceException {
        String body = """
                {"count":2,"meta":{"count":2,"page_count":1,"page_number":1,"page_size":200},
                 "results":[{"key":"subscribed_events","id":"900"},{"key":"subscribed_events","id":"917"}],
                 "subscribed_events":{
                  "900":{"account_id":1,"created_at":"2024-05-01T10:15:30Z","event_type":"time_entry:updated",
                         "payload_changes":{"time_in_minutes":[60,90],"notes":["a","b"]},
                         "subject_changed_at":"2024-05-01T10:15:02Z","subject_id":123,"subject_type":"TimeEntry",
                         "user_id":7},
                  "917":{"account_id":1,"created_at":"2024-05-01T12:17:45+02:00","event_type":"time_entry:updated",
                         "payload_changes":"{\\"notes\\":[\\"a\\",\\"b\\"],\\"time_in_minutes\\":[60,90]}",
                         "subject_changed_at":"2024-05-01T12:15:02+02:00","subject_id":"123",
                         "subject_type":"TimeEntry","user_id":"7"}}}
                """;
        EventsPage page = EventsPage.parse(Fixtures.response(body));
        EventMapper mapper = new EventMapper();
        SourceEvent first = mapper.map(page.entries().get(0), page).event();
        SourceEvent second = mapper.map(page.entries().get(1), page).event();
        assertEquals(first.key(), second.key(), "both copies of one change");
        assertEquals("900", first.sourceEventId());
        assertEquals("917", second.sourceEventId());
        assertNull(mapper.map(page.entries().get(1), page).problem());
    }

    @Test
    void theSameRecordReadAgainKeepsItsKey() throws Exception {
        assertEquals(key(json("{\"time_in_minutes\":[60,90]}")), key(json("{\"time_in_minutes\":[60,90]}")));
    }

    @Test
    void fieldOrderAndStringWrappingDoNotChangeTheKey() throws Exception {
        String k = key(json("{\"a\":[1,2],\"b\":{\"y\":1,\"x\":2}}"));
        assertEquals(k, key(json("{\"b\":{\"x\":2,\"y\":1},\"a\":[1,2]}")));
        assertEquals(k, key(TextNode.valueOf("{\"b\":{\"x\":2,\"y\":1},\"a\":[1,2]}")));
    }

    @Test
    void differentChangesGetDifferentKeys() throws Exception {
        String k = key(json("{\"time_in_minutes\":[60,90]}"));
        assertNotEquals(k, key(json("{\"time_in_minutes\":[90,120]}")), "payload_changes");
        assertNotEquals(k, ChangeKey.of("time_entry:updated", "TimeEntry", "124", AT, "7",
                json("{\"time_in_minutes\":[60,90]}")), "subject_id");
        assertNotEquals(k, ChangeKey.of("time_entry:updated", "TimeEntry", "123", AT.plusSeconds(1), "7",
                json("{\"time_in_minutes\":[60,90]}")), "subject_changed_at");
        assertNotEquals(k, ChangeKey.of("time_entry:updated", "TimeEntry", "123", AT, "8",
                json("{\"time_in_minutes\":[60,90]}")), "user_id");
        assertNotEquals(k, ChangeKey.of("time_entry:deleted", "TimeEntry", "123", AT, "7",
                json("{\"time_in_minutes\":[60,90]}")), "event_type");
        assertNotEquals(k, ChangeKey.of("time_entry:updated", "TimeEntry", "123", AT, null,
                json("{\"time_in_minutes\":[60,90]}")), "no user");
    }

    @Test
    void anUnreadablePayloadStillGivesAStableKeyFromItsText() {
        assertEquals(key(TextNode.valueOf("{broken")), key(TextNode.valueOf("{broken")));
        assertNotEquals(key(TextNode.valueOf("{broken")), key(TextNode.valueOf("{broken too")));
    }
}
