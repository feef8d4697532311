package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.activitygateway.source.onehub.Position.Purpose;
import io.activitygateway.source.onehub.Position.Window;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedProgressTest {

    private static final Instant FROM = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-20T10:00:00Z");
    private final Window window = Window.of(Purpose.NEW, FROM, TO);

    @Test
    void narrowsTheUnreadPartToTheOldestTimeStoredSoFarAndKeepsTheNewest() {
        FeedProgress progress = new FeedProgress(window);
        progress.saw(Instant.parse("2026-11-20T09:59:00Z"));
        progress.saw(Instant.parse("2026-11-20T09:40:00Z"));
        progress.saw(Instant.parse("2026-11-20T09:40:00Z"));

        assertEquals(window.feedReadDownTo(Instant.parse("2026-11-20T09:40:00Z")), progress.afterStoring());
        assertEquals(Instant.parse("2026-11-20T09:59:00Z"), progress.newest());
    }

    @Test
    void aFeedThatIsNotNewestFirstIsNeverNarrowed() {
        FeedProgress progress = new FeedProgress(window);
        progress.saw(Instant.parse("2026-11-20T09:40:00Z"));
        progress.saw(Instant.parse("2026-11-20T09:50:00Z"));
        progress.saw(Instant.parse("2026-11-20T09:10:00Z"));

        assertEquals(window, progress.afterStoring());
    }

    @Test
    void nothingSeenLeavesTheWindowAsItWas() {
        assertEquals(window, new FeedProgress(window).afterStoring());
    }

    @Test
    void neverNarrowsBelowTheWindowsStart() {
        FeedProgress progress = new FeedProgress(window);
        progress.saw(Instant.parse("2026-11-20T08:00:00Z"));

        assertEquals(window.feedReadDownTo(FROM), progress.afterStoring());
    }
}
