package io.activitygateway.gateway.sink;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The sinks' durable positions and dead-letter lists (tables sink_position and sink_parked), each call its own transaction. */
@ApplicationScoped
public class SinkPositions {

    @Inject
    EntityManager em;

    /** The stored position, creating it as {@code initial} when the sink has none yet. */
    @Transactional
    public long positionOrStart(String sink, long initial, Instant now) {
        Optional<Long> stored = position(sink);
        if (stored.isPresent()) {
            return stored.get();
        }
        em.createNativeQuery("INSERT INTO sink_position (sink, position, updated_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, sink).setParameter(2, initial).setParameter(3, utc(now)).executeUpdate();
        return initial;
    }

    @Transactional
    public Optional<Long> position(String sink) {
        List<?> rows = em.createNativeQuery("SELECT position FROM sink_position WHERE sink = ?1")
                .setParameter(1, sink).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.get(0)).longValue());
    }

    /** Moves the position forward to {@code to}; never back, so a stale writer cannot undo acknowledged work. */
    @Transactional
    public void advance(String sink, long to, Instant now) {
        em.createNativeQuery("UPDATE sink_position SET position = ?1, updated_at = ?2 WHERE sink = ?3"
                + " AND position < ?1").setParameter(1, to).setParameter(2, utc(now)).setParameter(3, sink)
                .executeUpdate();
    }

    /**
     * Parks a message and moves the position past it in one transaction, so a crash either parks it and moves on,
     * or does neither and the message is tried again.
     */
    @Transactional
    public void park(String sink, List<Long> seqs, int attempts, String error, Integer status, Instant now) {
        em.createNativeQuery("INSERT INTO sink_parked (sink, first_seq, last_seq, seqs, events, attempts, last_error,"
                + " last_status, parked_at, last_attempt_at, replay_requested)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, FALSE)")
                .setParameter(1, sink).setParameter(2, seqs.get(0)).setParameter(3, seqs.get(seqs.size() - 1))
                .setParameter(4, seqs.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .setParameter(5, seqs.size()).setParameter(6, attempts).setParameter(7, error)
                .setParameter(8, status).setParameter(9, utc(now)).executeUpdate();
        advance(sink, seqs.get(seqs.size() - 1), now);
    }

    @Transactional
    public List<ParkedMessage> parked(String sink, int limit) {
        return read(em.createNativeQuery(SELECT + " WHERE sink = ?1 ORDER BY id").setParameter(1, sink)
                .setMaxResults(limit).getResultList());
    }

    @Transactional
    public Optional<ParkedMessage> parked(String sink, long id) {
        return read(em.createNativeQuery(SELECT + " WHERE sink = ?1 AND id = ?2").setParameter(1, sink)
                .setParameter(2, id).getResultList()).stream().findFirst();
    }

    @Transactional
    public long parkedCount(String sink) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM sink_parked WHERE sink = ?1")
                .setParameter(1, sink).getSingleResult()).longValue();
    }

    /** The parked messages a replay was asked for, oldest first. */
    @Transactional
    public List<ParkedMessage> replaysRequested(String sink, int limit) {
        return read(em.createNativeQuery(SELECT + " WHERE sink = ?1 AND replay_requested = TRUE ORDER BY id")
                .setParameter(1, sink).setMaxResults(limit).getResultList());
    }

    /** @return false when there is no such parked message */
    @Transactional
    public boolean requestReplay(String sink, long id) {
        return em.createNativeQuery("UPDATE sink_parked SET replay_requested = TRUE WHERE sink = ?1 AND id = ?2")
                .setParameter(1, sink).setParameter(2, id).executeUpdate() > 0;
    }

    /** A replay failed: the message stays parked with the new error. */
    @Transactional
    public void replayFailed(long id, String error, Integer status, Instant now) {
        em.createNativeQuery("UPDATE sink_parked SET replay_requested = FALSE, attempts = attempts + 1,"
                + " last_error = ?1, last_status = ?2, last_attempt_at = ?3 WHERE id = ?4").setParameter(1, error)
                .setParameter(2, status).setParameter(3, utc(now)).setParameter(4, id).executeUpdate();
    }

    /** Removes a parked message (discarded, or replayed and acknowledged); false when there was none. */
    @Transactional
    public boolean remove(String sink, long id) {
        return em.createNativeQuery("DELETE FROM sink_parked WHERE sink = ?1 AND id = ?2").setParameter(1, sink)
                .setParameter(2, id).executeUpdate() > 0;
    }

    private static final String SELECT = "SELECT id, sink, first_seq, last_seq, seqs, attempts, last_error,"
            + " last_status, parked_at, last_attempt_at, replay_requested FROM sink_parked";

    private static List<ParkedMessage> read(List<?> rows) {
        List<ParkedMessage> out = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            List<Long> seqs = Arrays.stream(((String) r[4]).split(",")).map(Long::parseLong).toList();
            out.add(new ParkedMessage(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue(), seqs, ((Number) r[5]).intValue(), (String) r[6],
                    r[7] == null ? null : ((Number) r[7]).intValue(), instant(r[8]), instant(r[9]),
                    Boolean.TRUE.equals(r[10])));
        }
        return out;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        return value == null ? null : Instant.parse(value.toString());
    }

    private static OffsetDateTime utc(Instant now) {
        return now.atOffset(ZoneOffset.UTC);
    }
}
