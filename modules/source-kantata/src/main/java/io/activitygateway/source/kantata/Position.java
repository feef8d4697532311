package io.activitygateway.source.kantata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checkpoint: each feed's {@link FeedPosition}, written as
 * {@code {"feeds":{"all":{"settledThrough":"2024-05-20T11:45:00Z","readThrough":"2024-05-20T12:00:00Z"}}}}.
 */
record Position(Map<String, FeedPosition> feeds) {

    static final Position NONE = new Position(Map.of());

    Position {
        // Sorted, so the checkpoint reads the same in the source status every time.
        feeds = feeds == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(feeds));
    }

    Optional<FeedPosition> of(Feed feed) {
        return Optional.ofNullable(feeds.get(feed.key()));
    }

    Position with(Feed feed, FeedPosition position) {
        Map<String, FeedPosition> next = new LinkedHashMap<>(feeds);
        next.put(feed.key(), position);
        return new Position(next);
    }

    /** Drops the positions of feeds no longer configured, so the checkpoint shows only what is read. */
    Position keepOnly(List<Feed> configured) {
        Map<String, FeedPosition> kept = new LinkedHashMap<>();
        configured.forEach(f -> of(f).ifPresent(p -> kept.put(f.key(), p)));
        return new Position(kept);
    }
}
