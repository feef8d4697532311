package io.activitygateway.source.onehub;

import io.activitygateway.source.onehub.Position.Window;
import java.time.Instant;

/**
 * How far down the newest-first activity feed one window's read has got, so that each page's checkpoint can narrow
 * the unread part of the window to {@code [from, oldest updated_at stored]}: a resumed poll then starts where this
 * one stopped, whatever was added or removed upstream in between (ties at that second are read again). Also the
 * newest {@code updated_at} seen, which becomes the head once the window is done.
 *
 * <p>Narrowing holds only if the feed really is ordered newest first; if a page shows otherwise the window is not
 * narrowed at all for the rest of the poll, and a resumed poll reads all of it again.
 */
final class FeedProgress {

    private final Window window;
    private Instant oldest;
    private Instant newest;
    private Instant previous;
    private boolean newestFirst = true;

    FeedProgress(Window window) {
        this.window = window;
    }

    void saw(Instant updatedAt) {
        if (previous != null && updatedAt.isAfter(previous)) {
            newestFirst = false;
        }
        previous = updatedAt;
        oldest = oldest == null || updatedAt.isBefore(oldest) ? updatedAt : oldest;
        newest = newest == null || updatedAt.isAfter(newest) ? updatedAt : newest;
    }

    /** The newest {@code updated_at} seen so far, or null. */
    Instant newest() {
        return newest;
    }

    /** The window once what was seen so far is stored. */
    Window afterStoring() {
        if (!newestFirst || oldest == null) {
            return window;
        }
        Instant to = oldest.isBefore(window.from()) ? window.from() : oldest;
        return to.isBefore(window.feedUnreadTo()) ? window.feedReadDownTo(to) : window;
    }
}
