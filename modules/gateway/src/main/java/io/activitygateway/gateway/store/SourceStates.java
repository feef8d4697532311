package io.activitygateway.gateway.store;

import io.activitygateway.spi.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads and records each connection's poll history; the checkpoint itself is written by {@link EventStore}. */
@ApplicationScoped
public class SourceStates {

    @Inject
    EntityManager em;

    static SourceStateEntity findOrCreate(EntityManager em, String connection, String kind) {
        SourceStateEntity state = em.find(SourceStateEntity.class, connection);
        if (state == null) {
            state = new SourceStateEntity();
            state.connection = connection;
            state.kind = kind;
            em.persist(state);
        }
        return state;
    }

    @Transactional
    public Optional<SourceStateEntity> find(String connection) {
        return Optional.ofNullable(em.find(SourceStateEntity.class, connection));
    }

    @Transactional
    public Optional<Checkpoint> checkpoint(String connection) {
        return find(connection).map(s -> s.checkpoint).map(Checkpoint::parse);
    }

    @Transactional
    public void pollStarted(String connection, String kind, Instant at) {
        findOrCreate(em, connection, kind).lastPollStartedAt = at;
    }

    @Transactional
    public void pollSucceeded(String connection, String kind, Instant at, List<String> warnings) {
        SourceStateEntity state = findOrCreate(em, connection, kind);
        state.lastPollEndedAt = at;
        state.lastSuccessAt = at;
        state.consecutiveFailures = 0;
        state.warnings = warnings.isEmpty() ? null : EventRows.json(warnings);
    }

    /** @return the number of consecutive failures, this one included */
    @Transactional
    public int pollFailed(String connection, String kind, Instant at, String error, Integer httpStatus,
            List<String> warnings) {
        SourceStateEntity state = findOrCreate(em, connection, kind);
        state.lastPollEndedAt = at;
        state.lastErrorAt = at;
        state.lastError = EventRows.fit(error, 4000);
        state.lastErrorStatus = httpStatus;
        state.consecutiveFailures++;
        state.warnings = warnings.isEmpty() ? null : EventRows.json(warnings);
        return state.consecutiveFailures;
    }

    /** Records {@code count} failed polls at once, the last of them at {@code at}: those the database missed. */
    @Transactional
    public void pollFailures(String connection, String kind, Instant at, String error, Integer httpStatus, int count) {
        SourceStateEntity state = findOrCreate(em, connection, kind);
        state.lastErrorAt = at;
        state.lastError = EventRows.fit(error, 4000);
        state.lastErrorStatus = httpStatus;
        state.consecutiveFailures += count;
    }

    /** When the newest event stored for the connection happened (its index makes this one probe), if any. */
    @Transactional
    public Optional<Instant> newestEvent(String connection) {
        return Optional.ofNullable(em.createQuery("select max(e.occurredAt) from EventEntity e where e.connection = :c",
                Instant.class).setParameter("c", connection).getSingleResult());
    }

    @Transactional
    public List<SourceGapEntity> gaps(String connection, int limit) {
        return em.createQuery("from SourceGapEntity g where g.connection = :c order by g.reportedAt desc, g.id desc",
                SourceGapEntity.class).setParameter("c", connection).setMaxResults(limit).getResultList();
    }

    @Transactional
    public List<RecordProblemEntity> problems(String connection, int limit) {
        return em.createQuery("from RecordProblemEntity p where p.key.connection = :c"
                + " order by p.firstSeenAt desc, p.key.fingerprint", RecordProblemEntity.class)
                .setParameter("c", connection).setMaxResults(limit).getResultList();
    }

    /** The newest occurredAt among the connection's stored events. */
    @Transactional
    public Optional<Instant> newestOccurredAt(String connection) {
        return Optional.ofNullable(em.createQuery("select max(e.occurredAt) from EventEntity e where e.connection = :c",
                Instant.class).setParameter("c", connection).getSingleResult());
    }

    @Transactional
    public long problemCount(String connection) {
        Long total = em.createQuery("select sum(p.occurrences) from RecordProblemEntity p where p.key.connection = :c",
                Long.class).setParameter("c", connection).getSingleResult();
        return total == null ? 0 : total;
    }
}
