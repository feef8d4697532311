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
import java.util.HashMap;
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

    /**
     * The channel each PostgreSQL commit that stored events NOTIFYs (with its last seq; PostgreSQL delivers it only
     * if and when the transaction commits), in the insert's own statement; the feed of every instance LISTENs.
     */
    public static final String FEED_CHANNEL = "activity_gateway_feed";

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
        return commit(connection, source, List.of(batch), fence);
    }

    /**
     * Stores consecutive batches of one connection in one transaction, exactly as committing them one after another
     * would (the first copy of a key wins, each batch's problems are counted as that batch's, the checkpoint is the
     * last batch's), but with one commit. Nothing of them is stored if any part fails.
     */
    @Transactional
    public CommitResult commit(String connection, String source, List<Batch> batches, Runnable fence) {
        fence.run();
        Instant now = EventRows.micros(clock.instant());
        Map<String, EventEntity> rows = new LinkedHashMap<>();
        int events = 0;
        boolean written = false;
        for (Batch batch : batches) {
            for (SourceEvent e : batch.events()) {
                String id = EventIds.of(connection, e.key());
                if (!rows.containsKey(id)) {
                    rows.put(id, EventRows.row(id, connection, source, e, now));
                }
            }
            events += batch.events().size();
            // Problems and gaps first, and written now: the events' insert locks the feed's head until the commit,
            // so as little as possible comes after it.
            written |= keepProblemsAndGaps(connection, batch, now);
        }
        if (written) {
            em.flush();
        }
        Batch last = batches.get(batches.size() - 1);
        EventInserts.CheckpointRow checkpoint = new EventInserts.CheckpointRow(last.checkpoint().toJson(), now);
        EventInserts.Stored stored = em.unwrap(Session.class).doReturningWork(c -> {
            boolean pg = postgres(c);
            return rows.isEmpty() && !pg ? new EventInserts.Stored(List.of(), 0, false)
                    : EventInserts.insert(c, pg, source, connection, new ArrayList<>(rows.values()), now, checkpoint);
        });
        int fresh = stored.rows().size();
        if (!stored.checkpointed()) {
            SourceStateEntity state = SourceStates.findOrCreate(em, connection, source);
            state.checkpoint = checkpoint.checkpoint();
            state.checkpointAt = now;
            state.eventsIngested += fresh;
        }
        if (fresh > 0) {
            committed.fire(new EventsCommitted(connection, stored.rows().get(fresh - 1).seq, fresh,
                    stored.previousHead(), stored.rows()));
        }
        return new CommitResult(fresh, events - fresh);
    }

    /** @return whether anything was written */
    private boolean keepProblemsAndGaps(String connection, Batch batch, Instant now) {
        Map<String, Integer> copies = new HashMap<>();
        Map<String, RecordProblem> distinct = new LinkedHashMap<>();
        for (RecordProblem problem : batch.problems()) {
            copies.merge(problem.fingerprint(), 1, Integer::sum);
            distinct.putIfAbsent(problem.fingerprint(), problem);
        }
        for (RecordProblem problem : distinct.values()) {
            keepProblem(connection, problem, copies.get(problem.fingerprint()), now);
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
        return !distinct.isEmpty() || !batch.gaps().isEmpty();
    }

    private boolean postgres(Connection c) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            postgres = known;
        }
        return known;
    }

    /** @param copies how many records of this batch have this problem's fingerprint */
    private void keepProblem(String connection, RecordProblem problem, int copies, Instant now) {
        RecordProblemEntity.Key key = new RecordProblemEntity.Key(connection, problem.fingerprint());
        RecordProblemEntity known = em.find(RecordProblemEntity.class, key);
        if (known != null) {
            known.occurrences = Math.max(known.occurrences, copies);
            return;
        }
        RecordProblemEntity row = new RecordProblemEntity();
        row.key = key;
        row.reason = EventRows.clean(problem.reason());
        row.raw = EventRows.clean(problem.raw());
        row.eventStored = problem.eventStored();
        row.firstSeenAt = now;
        row.occurrences = copies;
        em.persist(row);
    }
}
