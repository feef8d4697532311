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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.hibernate.StatelessSession;

/**
 * Stores one adapter batch: its new events, its problems and gaps, and the connection's checkpoint, all in one
 * transaction. A crash at any point therefore leaves either all of it or none of it, and the next poll resumes
 * from the checkpoint that matches what is stored.
 */
@ApplicationScoped
public class EventStore {

    private static final int IN_LIST = 500;

    @Inject
    EntityManager em;

    @Inject
    StatelessSession inserts;

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
        Instant now = clock.instant();
        Map<String, SourceEvent> fresh = new LinkedHashMap<>();
        for (SourceEvent e : batch.events()) {
            fresh.putIfAbsent(EventIds.of(connection, e.key()), e);
        }
        fresh.keySet().removeAll(existingIds(fresh.keySet()));
        long lastSeq = 0;
        if (!fresh.isEmpty()) {
            lastSeq = allocateSeqs(fresh.size());
            long seq = lastSeq - fresh.size() + 1;
            List<EventEntity> rows = new ArrayList<>(fresh.size());
            for (SourceEvent e : fresh.values()) {
                rows.add(EventRows.row(connection, source, e, seq++, now));
            }
            inserts.insertMultiple(rows);
        }
        SourceStateEntity state = SourceStates.findOrCreate(em, connection, source);
        state.checkpoint = batch.checkpoint().toJson();
        state.checkpointAt = now;
        state.eventsIngested += fresh.size();
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
        if (!fresh.isEmpty()) {
            committed.fire(new EventsCommitted(connection, lastSeq, fresh.size()));
        }
        return new CommitResult(fresh.size(), batch.events().size() - fresh.size());
    }

    private Set<String> existingIds(Set<String> ids) {
        Set<String> existing = new HashSet<>();
        List<String> all = List.copyOf(ids);
        for (int i = 0; i < all.size(); i += IN_LIST) {
            existing.addAll(em.createQuery("select e.id from EventEntity e where e.id in :ids", String.class)
                    .setParameter("ids", all.subList(i, Math.min(all.size(), i + IN_LIST)))
                    .getResultList());
        }
        return existing;
    }

    /**
     * Takes the next {@code count} seqs. The update locks the single feed_head row until this transaction ends,
     * so batches commit in seq order, on one instance or many.
     */
    private long allocateSeqs(int count) {
        em.createNativeQuery("UPDATE feed_head SET last_seq = last_seq + ?1 WHERE id = 1")
                .setParameter(1, count).executeUpdate();
        return ((Number) em.createNativeQuery("SELECT last_seq FROM feed_head WHERE id = 1").getSingleResult())
                .longValue();
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
