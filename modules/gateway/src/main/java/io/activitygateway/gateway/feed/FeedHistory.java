package io.activitygateway.gateway.feed;

import io.activitygateway.gateway.store.EventEntity;
import io.activitygateway.gateway.store.EventFilter;
import io.activitygateway.gateway.store.EventQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hibernate.jpa.HibernateHints;

/**
 * What the feed reads from the store, each call in its own short transaction (callers are the feed's own threads,
 * outside any request). Seqs become visible in commit order (the feed_head row lock in EventStore), so once seq N is
 * visible, every event with a lower seq that will ever exist is visible too: a read bounded by a seen head is final.
 */
@ApplicationScoped
public class FeedHistory {

    @Inject
    EntityManager em;
    @Inject
    EventQueries queries;

    /** The last seq handed out by a committed batch: every event up to it is visible. */
    @Transactional
    public long head() {
        return ((Number) em.createNativeQuery("SELECT last_seq FROM feed_head WHERE id = 1").getSingleResult())
                .longValue();
    }

    /** Up to {@code limit} events with {@code seq <= upTo}, the newest ones, in seq order. */
    @Transactional
    public List<EventEntity> latest(long upTo, int limit) {
        List<EventEntity> newestFirst = em.createQuery("from EventEntity e where e.seq <= :upTo order by e.seq desc",
                EventEntity.class).setParameter("upTo", upTo).setHint(HibernateHints.HINT_READ_ONLY, true)
                .setMaxResults(limit).getResultList();
        List<EventEntity> ordered = new ArrayList<>(newestFirst);
        Collections.reverse(ordered);
        return ordered;
    }

    /** A page of matching events with {@code after < seq <= upTo}, in seq order. */
    @Transactional
    public List<EventEntity> after(EventFilter filter, long after, long upTo, int limit) {
        return queries.bySeq(filter, after, upTo, limit);
    }

    /**
     * Where a stream asked to start at {@code since} continues after: just before the lowest seq of any event that
     * occurred at or after {@code since}, so every such event is delivered (and so is every event stored after it,
     * late arrivals that occurred earlier included); the head if there is none yet.
     */
    @Transactional
    public long startFor(Instant since) {
        long head = head();
        Long first = em.createQuery("select min(e.seq) from EventEntity e where e.occurredAt >= :since", Long.class)
                .setParameter("since", since).getSingleResult();
        return first == null ? head : Math.min(first - 1, head);
    }

    /**
     * The highest seq whose event may have been removed from the store; a replay must start at or after it, or it
     * would silently skip events. 0 while nothing was purged; retention (EventRetention) raises it in the
     * transaction that deletes, and a stream resuming below it gets 410 or ends with a {@code gone} message.
     */
    @Transactional
    public long purgedThrough() {
        return ((Number) em.createNativeQuery("SELECT purged_through FROM feed_purge WHERE id = 1").getSingleResult())
                .longValue();
    }
}
