package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.activitygateway.source.onehub.Position.Window;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedProgressTest {

    private static final Instant FROM = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-20T10:00:00Z");
    private final Window window = new Window(FROM, TO, TO);

    @Test
    void narrowsTheUnreadPartToTheOldestTimeStoredSoFar() {
        FeedProgress progress = new FeedProgress(window);
        progress.saw(Instant.parse("2026-11-20T09:59:00Z"));
        progress.saw(Instant.parse("2026-11-20T09:40:00Z"));
        progress.saw(Instant.parse("2026-11-20T09:40:00Z"));

        assertEquals(new Window(FROM, TO, Instant.parse("2026-11-20T09:40:00Z")), progress.afterStoring());
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

        assertEquals(new Window(FROM, TO, FROM), progress.afterStoring());
    }
}
