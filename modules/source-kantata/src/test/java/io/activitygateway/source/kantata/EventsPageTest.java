package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.spi.SourceException;
import org.junit.jupiter.api.Test;

class EventsPageTest {

    @Test
    void listsEntriesInResultsOrderWithTheirRecords() throws Exception {
        EventsPage page = Fixtures.page("page-vendor-shape.json");
        assertEquals(java.util.List.of("5001", "5002", "5003", "5004", "5005"),
                page.entries().stream().map(EventsPage.Entry::id).toList());
        assertEquals("time_entry:updated", page.entries().get(0).record().get("event_type").asText());
        assertEquals("Jane Doe", page.sideLoaded("users", "7").get("full_name").asText());
        assertTrue(page.sideLoaded("users", "8").isMissingNode());
        assertTrue(page.sideLoaded(null, "8").isMissingNode());
    }

    @Test
    void anEntryWithoutItsRecordIsKeptForAProblemReport() throws Exception {
        EventsPage page = Fixtures.page("page-malformed.json");
        EventsPage.Entry missing = page.entries().get(5);
        assertEquals("6006", missing.id());
        assertNull(missing.record());
        assertEquals("{\"key\":\"subscribed_events\",\"id\":\"6006\"}", missing.rawText());
    }

    @Test
    void thePageCountDecidesTheLastPage() throws Exception {
        EventsPage page = page("{\"meta\":{\"count\":450,\"page_count\":3,\"page_number\":2,\"page_size\":200},"
                + "\"results\":[{\"key\":\"subscribed_events\",\"id\":\"1\"}],\"subscribed_events\":{}}");
        assertFalse(page.isLast(2, 200), "a short page is not the last when page_count says more follow");
        assertTrue(page.isLast(3, 200));
    }

    @Test
    void withoutMetaAShortPageIsTheLast() throws Exception {
        EventsPage page = page("{\"results\":[{\"key\":\"subscribed_events\",\"id\":\"1\"}],"
                + "\"subscribed_events\":{}}");
        assertTrue(page.isLast(1, 200));
        assertFalse(page.isLast(1, 1));
    }

    @Test
    void anEmptyPageIsTheLastAndMayOmitTheMap() throws Exception {
        EventsPage page = page("{\"count\":0,\"meta\":{\"count\":0,\"page_count\":0,\"page_number\":1,"
                + "\"page_size\":200},\"results\":[]}");
        assertTrue(page.entries().isEmpty());
        assertTrue(page.isLast(1, 200));
    }

    @Test
    void aBodyThatIsNotTheDocumentedJsonStopsThePoll() {
        assertTrue(assertThrows(SourceException.class, () -> page("<html>Maintenance</html>")).getMessage()
                .contains("not JSON"));
        assertTrue(assertThrows(SourceException.class, () -> page("[]")).getMessage()
                .contains("instead of a JSON object"));
        assertTrue(assertThrows(SourceException.class, () -> page("{\"subscribed_events\":{}}")).getMessage()
                .contains("without a results array"));
        assertTrue(assertThrows(SourceException.class, () -> page("{\"results\":[],\"subscribed_events\":[]}"))
                .getMessage().contains("where the subscribed_events map belongs"));
        assertThrows(SourceException.class, () -> page(""));
    }

    private static EventsPage page(String body) throws SourceException {
        return EventsPage.parse(Fixtures.response(body));
    }
}
