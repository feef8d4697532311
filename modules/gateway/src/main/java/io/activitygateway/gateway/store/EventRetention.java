package io.activitygateway.gateway.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Deletes old events as a prefix of seqs, one bounded batch per transaction: the batch ends at the first event
 * stored at or after the cutoff, so nothing younger goes and the feed's order is kept. Each batch raises
 * {@code feed_purge.purged_through} in the same transaction, guarded by its previous value, so two instances
 * purging at once never both delete (the second one's batch does nothing).
 */
@ApplicationScoped
public class EventRetention {

    @Inject
    EntityManager em;

    /** @return the events deleted (fewer than {@code batchSize}: nothing more is due) */
    @Transactional
    public int purgeBatch(Instant cutoff, int batchSize) {
        long from = ((Number) em.createNativeQuery("SELECT purged_through FROM feed_purge WHERE id = 1")
                .getSingleResult()).longValue();
        List<Object[]> oldest = em.createQuery("select e.seq, e.ingestedAt from EventEntity e where e.seq > :from"
                + " order by e.seq", Object[].class).setParameter("from", from).setMaxResults(batchSize)
                .getResultList();
        long to = from;
        for (Object[] row : oldest) {
            if (!((Instant) row[1]).isBefore(cutoff)) {
                break;
            }
            to = (Long) row[0];
        }
        if (to == from) {
            return 0;
        }
        int claimed = em.createNativeQuery("UPDATE feed_purge SET purged_through = ?1 WHERE id = 1"
                + " AND purged_through = ?2").setParameter(1, to).setParameter(2, from).executeUpdate();
        if (claimed == 0) {
            return 0;
        }
        return em.createNativeQuery("DELETE FROM event WHERE seq > ?1 AND seq <= ?2").setParameter(1, from)
                .setParameter(2, to).executeUpdate();
    }
}
