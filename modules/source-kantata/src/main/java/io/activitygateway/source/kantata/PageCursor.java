package io.activitygateway.source.kantata;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the next request of a feed starts: events created at or after {@link #from}, page {@link #page}.
 *
 * <p>Page numbers are not stable while a backfill runs: retention drops the oldest events (every later page
 * shifts left, and a page number would skip a record) and late events arrive (pages shift right). So the cursor
 * moves by time: after a page it starts again at page 1 from the last {@code created_at} read, re-reading the
 * events of that very second (keys make that harmless). Nothing with a later {@code created_at} can be skipped,
 * whatever is dropped or added before it. Only when a whole page shares one second (more than a page of events
 * in one second) does the time not advance, and the cursor goes to the next page number of the same query.
 */
record PageCursor(Instant from, int page) {

    static PageCursor first(Instant from) {
        return new PageCursor(from, 1);
    }

    /**
     * @param lastPage      whether the page just read was the query's last
     * @param latestCreated the latest {@code created_at} on that page, if any record had a readable one
     * @return where to read next, empty when the feed is read to the end of its window
     */
    Optional<PageCursor> next(boolean lastPage, Optional<Instant> latestCreated) {
        if (lastPage) {
            return Optional.empty();
        }
        if (latestCreated.isPresent() && latestCreated.get().isAfter(from)) {
            return Optional.of(first(latestCreated.get()));
        }
        return Optional.of(new PageCursor(from, page + 1));
    }

    /** Whether this cursor pages within one second, relying on Kantata ordering ties the same way each time. */
    boolean pagesByNumber() {
        return page > 1;
    }
}
