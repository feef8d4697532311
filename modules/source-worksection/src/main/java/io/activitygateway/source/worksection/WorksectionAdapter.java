package io.activitygateway.source.worksection;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.Gap;
import io.activitygateway.spi.PollContext;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceRequest;
import java.util.List;
import java.util.stream.Stream;

/**
 * Polls {@code get_events}: per scope (the account, or each configured project) one request whose period reaches
 * back to where the last read ended minus the lookback, one batch per response. See
 * {@code docs/sources/worksection.md}.
 */
final class WorksectionAdapter implements SourceAdapter {

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
            // "Now" is read before sending: whatever happens while the request is under way is read next time.
            Window window = planner.plan(position.of(scope), context.clock().instant());
            SourceRequest request = requester.request(window.period(), scope);
            String what = "get_events period=" + window.period()
                    + (scope.isAccount() ? "" : " id_project=" + scope.projectId());
            List<JsonNode> records = EventsResponseReader.records(context.http().send(request), what);
            PageMapper.Page page = pages.map(records, window);
            Truncation.Verdict verdict = truncation.judge(records.size(),
                    page.events().stream().map(SourceEvent::occurredAt).toList(), window, what, !scope.isAccount());
            verdict.warning().ifPresent(context::warn);
            position = position.with(scope, verdict.coveredUntil());
            List<Gap> gaps = Stream.concat(window.gap().stream(), verdict.gap().stream()).toList();
            context.commit(new Batch(page.events(), page.problems(), gaps, Checkpoint.of(position)));
        }
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
