package io.activitygateway.source.kantata;

import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.Gap;
import io.activitygateway.spi.PollContext;
import io.activitygateway.spi.RecordProblem;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code subscribed_events} feed by feed, page by page, committing each page with the checkpoint that is
 * safe once it is stored. See {@link PageCursor} for why paging moves by time and {@link ReadWindow} for the
 * window of each poll.
 */
final class KantataAdapter implements SourceAdapter {

    private final KantataSettings settings;
    private final List<Feed> feeds;
    private final EventsQuery query;
    private final EventMapper mapper = new EventMapper();

    KantataAdapter(KantataSettings settings) {
        this.settings = settings;
        this.feeds = Feed.of(settings.subjectTypes());
        this.query = new EventsQuery(settings);
    }

    @Override
    public void poll(PollContext context) throws SourceException {
        // Whole seconds: it is sent as created_before, and what is sent is what the checkpoint may claim.
        Instant pollStart = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Position position = position(context).keepOnly(feeds);
        for (Feed feed : feeds) {
            Optional<Position> done = read(context, feed, position, pollStart);
            if (done.isEmpty() || context.stopRequested()) {
                return;
            }
            position = done.get();
        }
    }

    private static Position position(PollContext context) throws SourceException {
        if (context.checkpoint().isEmpty()) {
            return Position.NONE;
        }
        try {
            return context.checkpoint().get().as(Position.class);
        } catch (IllegalArgumentException e) {
            throw new SourceException("the stored checkpoint " + context.checkpoint().get().toJson()
                    + " is not a Kantata position: " + e.getMessage(), e);
        }
    }

    /** Reads one feed to the end of its window; empty when a stop was requested before the end. */
    private Optional<Position> read(PollContext context, Feed feed, Position position, Instant pollStart)
            throws SourceException {
        ReadWindow window = ReadWindow.plan(position.readThrough(feed), pollStart, settings);
        PageCursor cursor = PageCursor.first(window.from());
        boolean firstPage = true;
        while (true) {
            EventsPage page = EventsPage.parse(context.http().send(query.page(feed, cursor, window.before())));
            PageRead read = read(page);
            Optional<PageCursor> next = cursor.next(page.isLast(cursor.page(), EventsQuery.PER_PAGE), read.latest());
            List<Gap> gaps = firstPage ? window.gap(read.oldest(), feed).stream().toList() : List.of();
            position = position.with(feed, readThrough(position.readThrough(feed), next, window));
            context.commit(new Batch(read.events(), read.problems(), gaps, Checkpoint.of(position)));
            if (next.isEmpty()) {
                return Optional.of(position);
            }
            if (next.get().pagesByNumber() && !cursor.pagesByNumber()) {
                context.warn("Kantata returned a whole page of events created at " + cursor.from() + " or in the"
                        + " same second (" + feed.describe() + "); they are read by page number, which relies on"
                        + " Kantata listing them in the same order on every request");
            }
            if (context.stopRequested()) {
                return Optional.empty();
            }
            cursor = next.get();
            firstPage = false;
        }
    }

    /**
     * Where the feed may resume once this page is stored: the start of the next request (everything created
     * before it was read), or the window's end once the feed is read through. Never earlier than the checkpoint it
     * resumed from (all that was read then) and never after the poll's start.
     */
    private static Instant readThrough(Optional<Instant> previous, Optional<PageCursor> next, ReadWindow window) {
        Instant reached = next.map(PageCursor::from).orElse(window.before());
        if (previous.isPresent() && previous.get().isAfter(reached)) {
            reached = previous.get();
        }
        return reached.isAfter(window.before()) ? window.before() : reached;
    }

    /** A page's events and problems, and the span of {@code created_at} it covers. */
    private record PageRead(List<SourceEvent> events, List<RecordProblem> problems,
            Optional<Instant> oldest, Optional<Instant> latest) {
    }

    private PageRead read(EventsPage page) throws SourceException {
        List<SourceEvent> events = new ArrayList<>();
        List<RecordProblem> problems = new ArrayList<>();
        Instant oldest = null;
        Instant latest = null;
        for (EventsPage.Entry entry : page.entries()) {
            EventMapper.Outcome outcome = mapper.map(entry, page);
            if (outcome.problem() != null) {
                problems.add(outcome.problem());
            }
            if (outcome.event() == null) {
                continue;
            }
            events.add(outcome.event());
            Instant created = outcome.event().recordedAt();
            if (latest != null && created.isBefore(latest)) {
                // Time-based paging is only safe over an ascending list; a descending one would skip pages.
                throw new SourceException("subscribed_events did not come in created_at ascending order ("
                        + created + " after " + latest + "); order=created_at:asc was asked for");
            }
            oldest = oldest == null || created.isBefore(oldest) ? created : oldest;
            latest = created;
        }
        return new PageRead(events, problems, Optional.ofNullable(oldest), Optional.ofNullable(latest));
    }
}
