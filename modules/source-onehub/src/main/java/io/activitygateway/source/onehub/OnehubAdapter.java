package io.activitygateway.source.onehub;

import io.activitygateway.model.SourceEvent;
import io.activitygateway.source.onehub.EventMapper.Mapped;
import io.activitygateway.source.onehub.Position.Purpose;
import io.activitygateway.source.onehub.Position.Window;
import io.activitygateway.spi.AuthenticationException;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.PollContext;
import io.activitygateway.spi.RecordProblem;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceRequest;
import io.activitygateway.spi.SourceResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Polls one Onehub connection. A poll reads fixed windows of {@code updated_at} (see {@link WindowPlanner}): what is
 * new since the newest event Onehub served, then once more what has settled, each from the activity feed page by
 * page, newest first; then the audit trail of each configured file down to the settled point. Every page is committed
 * with a checkpoint that still holds its window until all of it is stored, so a crash or a stop in the middle
 * resumes the unread part instead of skipping it.
 */
public final class OnehubAdapter implements SourceAdapter {

    private final OnehubConfig config;
    private final OnehubRequests requests;
    private final EventMapper mapper;
    private final WindowPlanner planner;

    OnehubAdapter(OnehubConfig config) {
        this.config = config;
        this.requests = new OnehubRequests(config);
        this.mapper = new EventMapper(config.zone(), config.webOrigin());
        this.planner = new WindowPlanner(config.lookback());
    }

    @Override
    public void poll(PollContext context) throws SourceException {
        // Onehub's clock as the gateway measured it, whole seconds: it ends the new events' window.
        Instant now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Position position = Position.of(context.checkpoint())
                .orElseGet(() -> Position.startingAt(now.minus(config.initialWindow())))
                .upgraded(planner.lookback());
        if (!config.auditFiles().isEmpty()) {
            position = position.owingAuditTrails();
        }
        if (position.window() != null) {
            // a window a previous poll left unfinished comes first, as it was left
            Optional<Position> finished = read(context, position);
            if (finished.isEmpty() || context.stopRequested()) {
                return;
            }
            position = finished.get();
        }
        Optional<Position> read = read(context, position.reading(planner.fresh(position, now)));
        if (read.isEmpty()) {
            return;
        }
        position = read.get();
        Optional<Window> settle = planner.settle(position);
        if (settle.isPresent()) {
            if (context.stopRequested() || (read = read(context, position.reading(settle.get()))).isEmpty()) {
                return;
            }
            position = read.get();
        }
        if (!config.auditFiles().isEmpty() && !context.stopRequested()) {
            // owed since this poll began, or (after finishing a crashed poll's audit trails above) from here on
            Position owing = position.owingAuditTrails();
            read(context, owing.reading(Window.of(Purpose.AUDIT, owing.auditFrom(), now)));
        }
    }

    /** Reads the position's window to its end; empty when a stop was requested before the end. */
    private Optional<Position> read(PollContext context, Position position) throws SourceException {
        Window window = position.window();
        if (window.purpose() == Purpose.AUDIT) {
            for (long file : config.auditFiles()) {
                if (context.stopRequested() || !readAuditTrail(context, position, file)) {
                    return Optional.empty();
                }
            }
            Position done = position.finished(planner.lookback());
            commit(context, List.of(), done);
            return Optional.of(done);
        }
        return readFeed(context, position);
    }

    private Optional<Position> readFeed(PollContext context, Position position) throws SourceException {
        Window window = position.window();
        FeedProgress progress = new FeedProgress(window);
        // one fixed request window for the whole paging: what arrives meanwhile shifts items to later pages
        // (read twice, same keys), it cannot push any out of reach
        Instant to = window.feedUnreadTo();
        for (int page = 1; ; page++) {
            String what = "GET activity/ page " + page;
            FeedPage p = FeedPage.parse(send(context, requests.activity(window.from(), to, page), what), page, what);
            List<Mapped> mapped = p.items().stream().map(mapper::map).toList();
            mapped.stream().map(Mapped::event).filter(Objects::nonNull).map(SourceEvent::occurredAt)
                    .forEach(progress::saw);
            Position next = position.reading(progress.afterStoring().saw(progress.newest()));
            if (!p.hasNext()) {
                next = next.finished(planner.lookback());
            }
            commit(context, mapped, next);
            if (!p.hasNext()) {
                return Optional.of(next);
            }
            if (context.stopRequested()) {
                return Optional.empty();
            }
        }
    }

    /** Newest first, without a time filter: stops at the first page that reaches below the window. */
    private boolean readAuditTrail(PollContext context, Position pending, long file) throws SourceException {
        Instant from = pending.window().from();
        for (int page = 1; ; page++) {
            String what = "GET files/" + file + "/audit_trail page " + page;
            SourceResponse response;
            try {
                response = send(context, requests.auditTrail(file, page), what);
            } catch (SourceException e) {
                int status = e.httpStatus().orElse(0);
                if (status == 403) {
                    context.warn("audit trail of file " + file + " refused: the token's user is not a moderator"
                            + " of its workspace (HTTP 403); its events still come through activity/");
                    return true;
                }
                if (status == 404) {
                    context.warn("audit trail of file " + file + " not found (HTTP 404): check "
                            + context.settings().key(OnehubConfig.AUDIT_FILES));
                    return true;
                }
                throw e;
            }
            FeedPage p = FeedPage.parse(response, page, what);
            List<Mapped> mapped = p.items().stream().map(mapper::map).toList();
            List<Mapped> inWindow = mapped.stream()
                    .filter(m -> m.event() == null || !m.event().occurredAt().isBefore(from)).toList();
            commit(context, inWindow, pending);
            if (inWindow.size() < mapped.size() || !p.hasNext()) {
                return true;
            }
            if (context.stopRequested()) {
                return false;
            }
        }
    }

    private static SourceResponse send(PollContext context, SourceRequest request, String what)
            throws SourceException {
        try {
            return context.http().send(request);
        } catch (AuthenticationException e) {
            int status = e.httpStatus().orElse(0);
            throw new AuthenticationException("Onehub refused " + what + " (HTTP " + status + "): check "
                    + context.settings().key("token") + " (" + e.getMessage() + ")", status);
        } catch (SourceException e) {
            Integer status = e.httpStatus().isPresent() ? e.httpStatus().getAsInt() : null;
            throw new SourceException(what + " failed: " + e.getMessage(), status, e.retryAfter().orElse(null), e);
        }
    }

    private void commit(PollContext context, List<Mapped> mapped, Position next) throws SourceException {
        List<SourceEvent> events = mapped.stream().map(Mapped::event).filter(Objects::nonNull).toList();
        List<RecordProblem> problems = mapped.stream().map(Mapped::problem).filter(Objects::nonNull).toList();
        // submitted: the next page is fetched while this one commits
        context.submit(new Batch(events, problems, List.of(), next.checkpoint()));
    }
}
