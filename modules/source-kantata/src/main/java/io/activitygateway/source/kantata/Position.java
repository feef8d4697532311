package io.activitygateway.source.kantata;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checkpoint: per feed, the {@code created_at} before which every event that was visible when read has been
 * read. Late events created before it are what the lookback is for. Written as
 * {@code {"readThrough":{"all":"2024-05-01T10:15:00Z"}}}.
 */
record Position(Map<String, Instant> readThrough) {

    static final Position NONE = new Position(Map.of());

    Position {
        // Sorted, so the checkpoint reads the same in the source status every time.
        readThrough = readThrough == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(readThrough));
    }

    Optional<Instant> readThrough(Feed feed) {
        return Optional.ofNullable(readThrough.get(feed.key()));
    }

    Position with(Feed feed, Instant instant) {
        Map<String, Instant> next = new LinkedHashMap<>(readThrough);
        next.put(feed.key(), instant);
        return new Position(next);
    }

    /** Drops the cursors of feeds no longer configured, so the checkpoint shows only what is read. */
    Position keepOnly(List<Feed> feeds) {
        Map<String, Instant> kept = new LinkedHashMap<>();
        feeds.forEach(f -> readThrough(f).ifPresent(i -> kept.put(f.key(), i)));
        return new Position(kept);
    }
}
