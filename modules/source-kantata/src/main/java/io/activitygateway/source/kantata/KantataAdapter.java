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
 * Reads {@code subscribed_events} feed by feed, range by range, page by page, committing each page with the
 * checkpoint that is safe once it is stored. See {@link ReadPlan} for what each poll reads and {@link PageCursor}
 * for why paging moves by time.
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
            if (done.isEmpty()) {
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

    /** Reads one feed's plan to the end; empty when a stop was requested before the end. */
    private Optional<Position> read(PollContext context, Feed feed, Position position, Instant pollStart)
            throws SourceException {
        ReadPlan plan = ReadPlan.plan(position.of(feed), pollStart, settings);
        FeedPosition at = plan.start();
        boolean firstPage = true;
        for (ReadPlan.Range range : plan.ranges()) {
            PageCursor cursor = PageCursor.first(range.from());
            while (true) {
                EventsPage page = EventsPage.parse(context.http().send(query.page(feed, cursor, range.before())));
                PageRead read = read(page);
                Optional<PageCursor> next = cursor.next(page.isLast(cursor.page(), EventsQuery.PER_PAGE),
                        read.latest());
                List<Gap> gaps = firstPage ? plan.gap(read.oldest(), feed).stream().toList() : List.of();
                // Everything created before the next request's start is read; all of the range once it is done.
                at = plan.advance(at, range, next.map(PageCursor::from).orElse(range.before()));
                position = position.with(feed, at);
                context.commit(new Batch(read.events(), read.problems(), gaps, Checkpoint.of(position)));
                firstPage = false;
                if (next.isPresent() && next.get().pagesByNumber() && !cursor.pagesByNumber()) {
                    context.warn("Kantata returned a whole page of events created at " + cursor.from()
                            + " or in the same second (" + feed.describe() + "); they are read by page number,"
                            + " which relies on Kantata listing them in the same order on every request");
                }
                if (context.stopRequested()) {
                    return Optional.empty();
                }
                if (next.isEmpty()) {
                    break;
                }
                cursor = next.get();
            }
        }
        return Optional.of(position);
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
            outcome.problemIfAny().ifPresent(problems::add);
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
