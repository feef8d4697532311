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
import java.util.function.UnaryOperator;

/**
 * Reads {@code subscribed_events} feed by feed. Each poll of a feed reads what is new since the newest event
 * Kantata served ({@link ReadWindow}), then once more what has settled since the last poll
 * ({@link ReadWindow#settleTo}): every event is fetched about twice, and an idle poll costs one request. Every page
 * is committed with the position that is safe once it is stored; {@link PageCursor} says why paging moves by time.
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
        // Kantata's clock (as the gateway measured it), whole seconds: it is sent as created_before.
        Instant now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Position position = position(context).upgraded(settings.lookback()).keepOnly(feeds);
        for (Feed feed : feeds) {
            Optional<Position> done = read(context, feed, position, now);
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

    /** One feed's poll: the new events, then the settled re-read; empty when a stop was requested before the end. */
    private Optional<Position> read(PollContext context, Feed feed, Position position, Instant now)
            throws SourceException {
        FeedPosition start = position.of(feed)
                .orElseGet(() -> FeedPosition.startingAt(now.minus(settings.initialWindow())));
        ReadWindow window = ReadWindow.plan(start, now, settings);
        GapReport gap = new GapReport(window, feed);
        Read fresh = readRange(context, feed, position, start, window.from(), window.before(), false,
                window.tail() ? gap : GapReport.NONE, reached -> readToTheEnd(reached, window));
        if (!fresh.finished()) {
            return Optional.empty();
        }
        FeedPosition reached = fresh.position();
        Optional<Instant> settleTo = window.tail() ? Optional.empty() : ReadWindow.settleTo(reached, settings.lookback());
        if (settleTo.isPresent()) {
            Read settle = readRange(context, feed, position, reached, reached.settled(), settleTo.get(), true, gap,
                    UnaryOperator.identity());
            if (!settle.finished()) {
                return Optional.empty();
            }
            reached = settle.position();
        }
        Position next = position.with(feed, reached);
        List<Gap> unreported = gap.take(Optional.empty());
        if (!unreported.isEmpty()) {
            context.commit(new Batch(List.of(), List.of(), unreported, Checkpoint.of(next)));
        }
        return Optional.of(next);
    }

    /**
     * The position once the new events are read to {@code before}. A read that started at the settled point, with
     * Kantata already serving the head, also settles everything created a {@code lookback} before the head.
     */
    private FeedPosition readToTheEnd(FeedPosition reached, ReadWindow window) {
        FeedPosition done = reached.readTo(window.before(), window.tail());
        return window.tail() && done.head() != null ? done.withSettled(done.head().minus(settings.lookback())) : done;
    }

    /** Where a read of one range ended, and whether it got to the end of the range. */
    private record Read(FeedPosition position, boolean finished) {
    }

    /**
     * Reads {@code created_at} in {@code [from, before)} page by page, committing each page. A read of new events
     * moves the head to the latest {@code created_at} read; a settling read moves the settled point to where its next
     * request starts (everything created before it is read), and to {@code before} at the end.
     */
    private Read readRange(PollContext context, Feed feed, Position others, FeedPosition position, Instant from,
            Instant before, boolean settling, GapReport gap, UnaryOperator<FeedPosition> atEnd)
            throws SourceException {
        PageCursor cursor = PageCursor.first(from);
        while (true) {
            EventsPage page = EventsPage.parse(context.http().send(query.page(feed, cursor, before)));
            PageRead read = read(page);
            Optional<PageCursor> next = cursor.next(page.isLast(cursor.page(), EventsQuery.PER_PAGE), read.latest());
            List<Gap> gaps = gap.take(read.oldest());
            position = settling ? position.withSettled(next.map(PageCursor::from).orElse(before))
                    : position.withHead(read.latest().orElse(null));
            if (next.isEmpty()) {
                position = atEnd.apply(position);
            }
            // submitted: the next page is fetched while this one commits
            context.submit(new Batch(read.events(), read.problems(), gaps, Checkpoint.of(others.with(feed, position))));
            if (next.isEmpty()) {
                return new Read(position, true);
            }
            if (next.get().pagesByNumber() && !cursor.pagesByNumber()) {
                context.warn("Kantata returned a whole page of events created at " + cursor.from() + " or in the"
                        + " same second (" + feed.describe() + "); they are read by page number, which relies on"
                        + " Kantata listing them in the same order on every request");
            }
            if (context.stopRequested()) {
                return new Read(position, false);
            }
            cursor = next.get();
        }
    }

    /** The retention gap of one feed's poll, reported with the first page of a read from the settled point. */
    private static final class GapReport {

        static final GapReport NONE = new GapReport(null, null);

        private final ReadWindow window;
        private final Feed feed;
        private boolean done;

        GapReport(ReadWindow window, Feed feed) {
            this.window = window;
            this.feed = feed;
            this.done = window == null;
        }

        /** The gap, the first time only; {@code oldest}: the earliest created_at of the page read from settled. */
        List<Gap> take(Optional<Instant> oldest) {
            if (done) {
                return List.of();
            }
            done = true;
            return window.gap(oldest, feed).stream().toList();
        }
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
