package io.activitygateway.gateway.store;

import io.activitygateway.model.EventIds;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.CommitResult;
import io.activitygateway.spi.Gap;
import io.activitygateway.spi.RecordProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.hibernate.Session;

/**
 * Stores one adapter batch: its new events, its problems and gaps, and the connection's checkpoint, all in one
 * transaction. A crash at any point therefore leaves either all of it or none of it, and the next poll resumes
 * from the checkpoint that matches what is stored.
 */
@ApplicationScoped
public class EventStore {

    private volatile Boolean postgres;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<EventsCommitted> committed;

    @Transactional
    public CommitResult commit(String connection, String source, Batch batch) {
        return commit(connection, source, batch, () -> { });
    }

    /**
     * @param fence runs first inside the transaction and throws to stop the commit: a poll whose instance lost
     *     the connection's lease stores nothing
     */
    @Transactional
    public CommitResult commit(String connection, String source, Batch batch, Runnable fence) {
        fence.run();
        Instant now = EventRows.micros(clock.instant());
        Map<String, EventEntity> rows = new LinkedHashMap<>();
        for (SourceEvent e : batch.events()) {
            String id = EventIds.of(connection, e.key());
            if (!rows.containsKey(id)) {
                rows.put(id, EventRows.row(id, connection, source, e, now));
            }
        }
        EventInserts.Stored stored = rows.isEmpty() ? new EventInserts.Stored(List.of(), 0)
                : em.unwrap(Session.class).doReturningWork(c -> EventInserts.insert(c, postgres(c), source, connection,
                        new ArrayList<>(rows.values()), now));
        int fresh = stored.rows().size();
        SourceStateEntity state = SourceStates.findOrCreate(em, connection, source);
        state.checkpoint = batch.checkpoint().toJson();
        state.checkpointAt = now;
        state.eventsIngested += fresh;
        for (RecordProblem problem : batch.problems()) {
            keepProblem(connection, problem, now);
        }
        for (Gap gap : batch.gaps()) {
            SourceGapEntity row = new SourceGapEntity();
            row.connection = connection;
            row.from = gap.from();
            row.to = gap.to();
            row.reason = EventRows.clean(gap.reason());
            row.reportedAt = now;
            em.persist(row);
        }
        if (fresh > 0) {
            committed.fire(new EventsCommitted(connection, stored.rows().get(fresh - 1).seq, fresh,
                    stored.previousHead(), stored.rows()));
        }
        return new CommitResult(fresh, batch.events().size() - fresh);
    }

    private boolean postgres(Connection c) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            postgres = known;
        }
        return known;
    }

    private void keepProblem(String connection, RecordProblem problem, Instant now) {
        RecordProblemEntity.Key key = new RecordProblemEntity.Key(connection, problem.fingerprint());
        if (em.find(RecordProblemEntity.class, key) != null) {
            return;
        }
        RecordProblemEntity row = new RecordProblemEntity();
        row.key = key;
        row.reason = EventRows.clean(problem.reason());
        row.raw = EventRows.clean(problem.raw());
        row.eventStored = problem.eventStored();
        row.firstSeenAt = now;
        em.persist(row);
    }
}
