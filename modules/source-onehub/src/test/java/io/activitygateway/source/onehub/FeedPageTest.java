package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedPageTest {

    private static SourceResponse ok(String body) {
        return new SourceResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheDocumentedSample() throws SourceException {
        FeedPage page = FeedPage.parse(ok(Fixtures.text("audit-trail-page.json")), 1, "GET x");

        assertEquals(1, page.items().size());
        assertEquals(5062927, page.items().get(0).path("event").path("id").asLong());
        assertFalse(page.hasNext());
    }

    @Test
    void followsPagesToTotalPages() throws SourceException {
        String body = "{\"current_page\":2,\"total_pages\":3,\"items\":[{\"event\":{\"id\":1}}]}";
        assertTrue(FeedPage.parse(ok(body), 2, "GET x").hasNext());
        assertFalse(FeedPage.parse(ok(body), 3, "GET x").hasNext());
    }

    @Test
    void anEmptyPageEndsThePagingWhateverTotalPagesSays() throws SourceException {
        assertFalse(FeedPage.parse(ok("{\"current_page\":1,\"total_pages\":5,\"items\":[]}"), 1, "GET x").hasNext());
    }

    @Test
    void withoutTotalPagesAShortPageIsTheLast() throws SourceException {
        assertFalse(FeedPage.parse(ok("{\"items\":[{\"event\":{\"id\":1}}]}"), 1, "GET x").hasNext());
    }

    @Test
    void aBodyThatIsNotTheDocumentedJsonStopsThePoll() {
        SourceException html = assertThrows(SourceException.class,
                () -> FeedPage.parse(ok("<html>Maintenance</html>"), 1, "GET activity/ page 1"));
        assertTrue(html.getMessage().startsWith("GET activity/ page 1 answered with something that is not JSON"),
                html.getMessage());
        SourceException noItems = assertThrows(SourceException.class,
                () -> FeedPage.parse(ok("{\"error\":\"oops\"}"), 1, "GET activity/ page 1"));
        assertTrue(noItems.getMessage().contains("without an \"items\" array"), noItems.getMessage());
    }
}
