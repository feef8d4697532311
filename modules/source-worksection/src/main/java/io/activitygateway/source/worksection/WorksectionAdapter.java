package io.activitygateway.source.worksection;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.Gap;
import io.activitygateway.spi.PollContext;
import io.activitygateway.spi.RecordProblem;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Polls {@code get_events}: per scope (the account, or each configured project) one request whose period reaches
 * back to where the last read ended minus the lookback, more only when a response was cut at the 10,000 records it
 * holds. Positions are on Worksection's own clock: a read covers up to the {@code Date} of its response. Large
 * responses are committed in parts. See {@code docs/sources/worksection.md}.
 */
final class WorksectionAdapter implements SourceAdapter {

    /** Events per committed part of one response, so a restart keeps what a large answer already gave. */
    static final int PART = 2_000;
    /** Consecutive reads must overlap by two minutes for every minute to be seen whole by one of them. */
    private static final Duration MIN_OVERLAP = WorksectionKind.MIN_LOOKBACK;

    private final List<Scope> scopes;
    private final WindowPlanner planner;
    private final EventsRequester requester;
    private final PageMapper pages;
    private final Truncation truncation;

    WorksectionAdapter(List<Scope> scopes, WindowPlanner planner, EventsRequester requester, PageMapper pages,
            Truncation truncation) {
        this.scopes = List.copyOf(scopes);
        this.planner = planner;
        this.requester = requester;
        this.pages = pages;
        this.truncation = truncation;
    }

    @Override
    public void poll(PollContext context) throws SourceException {
        Position position = resumeFrom(context).forScopes(scopes);
        for (Scope scope : scopes) {
            if (context.stopRequested()) {
                return;
            }
            Optional<Position> read = read(context, scope, position);
            if (read.isEmpty()) {
                return;
            }
            position = read.get();
        }
    }

    /** One scope's reads: one, or more to read on through cut responses; empty when stopped in between. */
    private Optional<Position> read(PollContext context, Scope scope, Position position) throws SourceException {
        Optional<Instant> covered = position.of(scope);
        Instant estimated = null;
        Window previous = null;
        List<Instant> previousTimes = List.of();
        boolean rechecked = false;
        while (true) {
            // "Now" is Worksection's clock as the gateway measured it, read before sending: what happens while the
            // request is under way is in the next window.
            Instant now = estimated != null ? estimated : context.clock().instant();
            Window window = planner.plan(covered, now);
            if (previous != null && rereadsTheCut(window, previousTimes)) {
                Optional<Window> on = planner.readOn(covered.get(), now, previous.start());
                if (on.isEmpty()) {
                    context.commit(Batch.of(List.of(), Checkpoint.of(position)).withGaps(List.of(new Gap(covered.get(),
                            now, "get_events cannot read past a single minute holding more records than one"
                            + " response"))));
                    return Optional.of(position.with(scope, now));
                }
                window = on.get();
            }
            String what = "get_events period=" + window.period()
                    + (scope.isAccount() ? "" : " id_project=" + scope.projectId());
            SourceResponse response = context.http().send(requester.request(window.period(), scope));
            Instant serverNow = response.date().orElseGet(() -> context.clock().instant().truncatedTo(ChronoUnit.SECONDS));
            if (!rechecked && startedTooLate(window, serverNow, covered)) {
                // Our estimate of Worksection's clock was behind by more than the lookback (a first poll after a
                // restart, a clock that jumped): the window began after what it had to read. Read again from its now.
                rechecked = true;
                estimated = serverNow.plusSeconds(1);
                continue;
            }
            List<JsonNode> records = EventsResponseReader.records(response, what);
            Window served = window.servedAt(serverNow);
            PageMapper.Page page = pages.map(records, served);
            List<Instant> times = page.events().stream().map(SourceEvent::occurredAt).toList();
            Truncation.Verdict verdict = truncation.judge(records.size(), times, served, what, !scope.isAccount());
            verdict.warning().ifPresent(context::warn);
            position = commitInParts(context, scope, position, page, served, verdict);
            covered = Optional.of(verdict.coveredUntil());
            if (!verdict.readOn()) {
                return Optional.of(position);
            }
            if (context.stopRequested()) {
                return Optional.empty();
            }
            previous = served;
            previousTimes = times;
            estimated = null;
        }
    }

    /**
     * Whether the server's window, counted back from its own now, began after the two minutes of overlap with what
     * was covered that a planned window (not one cut at 30 days, nor one reading on past a gap) always has.
     */
    private static boolean startedTooLate(Window planned, Instant serverNow, Optional<Instant> covered) {
        if (covered.isEmpty() || planned.gap().isPresent()) {
            return false;
        }
        Instant needed = covered.get().minus(MIN_OVERLAP);
        return !planned.start().isAfter(needed) && serverNow.minus(planned.period().length()).isAfter(needed);
    }

    /** Whether the next read would start so early that half a response of what the cut one held comes back again. */
    private static boolean rereadsTheCut(Window next, List<Instant> previousTimes) {
        long again = previousTimes.stream().filter(t -> !t.isBefore(next.start())).count();
        return again >= Truncation.SUSPECT_AT / 2;
    }

    /**
     * Commits one response's events in time order, in parts of about {@link #PART} that end at a minute's end: each
     * part's position covers up to the first minute not yet stored, so a restart re-reads only from there. The
     * problems and the verdict's coverage and gap go with the last part, the window's gap with the first.
     */
    private Position commitInParts(PollContext context, Scope scope, Position position, PageMapper.Page page,
            Window window, Truncation.Verdict verdict) throws SourceException {
        List<SourceEvent> events = new ArrayList<>(page.events());
        events.sort(Comparator.comparing(SourceEvent::occurredAt));
        Instant before = position.of(scope).orElse(null);
        List<Gap> firstGaps = window.gap().stream().toList();
        int from = 0;
        while (events.size() - from > PART) {
            int to = from + PART;
            while (to < events.size() && events.get(to).occurredAt().equals(events.get(to - 1).occurredAt())) {
                to++;
            }
            if (to >= events.size()) {
                break;
            }
            Instant next = events.get(to).occurredAt();
            Position partial = before != null && before.isAfter(next) ? position : position.with(scope, next);
            // submitted: the next part's, or the next response's, work goes on while this one commits
            context.submit(new Batch(events.subList(from, to), List.<RecordProblem>of(), firstGaps,
                    Checkpoint.of(partial)));
            firstGaps = List.of();
            position = partial;
            from = to;
        }
        Position done = position.with(scope, verdict.coveredUntil());
        List<Gap> gaps = Stream.concat(firstGaps.stream(), verdict.gap().stream()).toList();
        context.submit(new Batch(events.subList(from, events.size()), page.problems(), gaps, Checkpoint.of(done)));
        return done;
    }

    private static Position resumeFrom(PollContext context) throws SourceException {
        if (context.checkpoint().isEmpty()) {
            return Position.NONE;
        }
        Checkpoint checkpoint = context.checkpoint().get();
        try {
            return checkpoint.as(Position.class);
        } catch (IllegalArgumentException e) {
            throw new SourceException("the stored checkpoint " + checkpoint.toJson() + " is not a Worksection"
                    + " position (" + e.getMessage() + "); reset this connection's checkpoint", e);
        }
    }
}
