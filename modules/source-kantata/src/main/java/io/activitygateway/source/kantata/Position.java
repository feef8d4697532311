package io.activitygateway.source.kantata;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checkpoint: one {@link FeedPosition} per feed, written as
 * {@code {"feeds":{"all":{"head":"…","settled":"…","readTo":"…","tailReadAt":null}}}}.
 *
 * @param readThrough an older gateway's checkpoint ({@code {"readThrough":{"all":"…"}}}), only ever read
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record Position(Map<String, FeedPosition> feeds, Map<String, Instant> readThrough) {

    static final Position NONE = new Position(Map.of(), Map.of());

    Position {
        // Sorted, so the checkpoint reads the same in the source status every time.
        feeds = feeds == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(feeds));
        readThrough = readThrough == null ? Map.of() : Map.copyOf(readThrough);
    }

    /** This position in the current form: an older checkpoint's cursors become feed positions. */
    Position upgraded(Duration lookback) {
        if (readThrough.isEmpty()) {
            return this;
        }
        Map<String, FeedPosition> next = new LinkedHashMap<>(feeds);
        readThrough.forEach((feed, at) -> next.putIfAbsent(feed, FeedPosition.fromReadThrough(at, lookback)));
        return new Position(next, Map.of());
    }

    Optional<FeedPosition> of(Feed feed) {
        return Optional.ofNullable(feeds.get(feed.key()));
    }

    Position with(Feed feed, FeedPosition position) {
        Map<String, FeedPosition> next = new LinkedHashMap<>(feeds);
        next.put(feed.key(), position);
        return new Position(next, Map.of());
    }

    /** Drops the positions of feeds no longer configured, so the checkpoint shows only what is read. */
    Position keepOnly(List<Feed> wanted) {
        Map<String, FeedPosition> kept = new LinkedHashMap<>();
        wanted.forEach(f -> of(f).ifPresent(p -> kept.put(f.key(), p)));
        return new Position(kept, Map.of());
    }
}
