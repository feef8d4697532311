package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageCursorTest {

    private static final Instant FROM = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void theLastPageEndsTheFeed() {
        assertEquals(Optional.empty(), PageCursor.first(FROM).next(true, Optional.of(FROM.plusSeconds(60))));
    }

    @Test
    void aFullPageRestartsAtPageOneFromItsLatestCreatedAt() {
        Instant latest = FROM.plusSeconds(600);
        PageCursor next = PageCursor.first(FROM).next(false, Optional.of(latest)).orElseThrow();
        assertEquals(new PageCursor(latest, 1), next, "the latest second is read again, not skipped");
        assertFalse(next.pagesByNumber());
    }

    @Test
    void aPageOfOneSecondGoesToTheNextPageNumber() {
        PageCursor next = PageCursor.first(FROM).next(false, Optional.of(FROM)).orElseThrow();
        assertEquals(new PageCursor(FROM, 2), next);
        assertTrue(next.pagesByNumber());
        assertEquals(new PageCursor(FROM, 3), next.next(false, Optional.of(FROM)).orElseThrow());
        assertEquals(new PageCursor(FROM.plusSeconds(1), 1),
                next.next(false, Optional.of(FROM.plusSeconds(1))).orElseThrow(), "back to time once it moves");
    }

    @Test
    void aFullPageWithoutReadableTimesGoesToTheNextPageNumber() {
        assertEquals(new PageCursor(FROM, 2), PageCursor.first(FROM).next(false, Optional.empty()).orElseThrow());
    }
}
