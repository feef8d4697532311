package io.activitygateway.gateway.store;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.jpa.HibernateHints;

/**
 * Reads stored events. Pages are keyset-based on (occurredAt, seq): a page starts strictly after the previous
 * page's last event, so pages stay stable while new events arrive, at any depth, without OFFSET.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class EventQueries {

    public Optional<EventEntity> byId(String id) {
        return EventEntity.findByIdOptional(id);
    }

    /** Up to {@code limit} events after {@code after} (null: from the start) in the given order. */
    public List<EventEntity> page(EventFilter filter, EventOrder order, PagePosition after, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        where(filter, where, params);
        boolean desc = order == EventOrder.OCCURRED_DESC;
        if (after != null) {
            // Written as a range on the index's first column plus a tie-break, which every database plans well.
            String cmp = desc ? "<" : ">";
            where.add("occurredAt " + cmp + "= :afterAt and (occurredAt " + cmp + " :afterAt or seq " + cmp
                    + " :afterSeq)");
            params.and("afterAt", after.occurredAt()).and("afterSeq", after.seq());
        }
        String direction = desc ? "desc" : "asc";
        String query = (where.isEmpty() ? "" : String.join(" and ", where)) + " order by occurredAt " + direction
                + ", seq " + direction;
        return EventEntity.<EventEntity>find(query, params).range(0, limit - 1).list();
    }

    /**
     * Up to {@code limit} matching events with {@code after < seq <= upTo}, in seq (commit) order; the feed's read.
     * The entities are read-only: nothing a caller changes on them is ever written back.
     */
    public List<EventEntity> bySeq(EventFilter filter, long after, long upTo, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        where(filter, where, params);
        where.add("seq > :after and seq <= :upTo");
        params.and("after", after).and("upTo", upTo);
        return EventEntity.<EventEntity>find(String.join(" and ", where) + " order by seq", params)
                .withHint(HibernateHints.HINT_READ_ONLY, true).range(0, limit - 1).list();
    }

    private static void where(EventFilter filter, List<String> where, Parameters params) {
        in(where, params, "source", filter.source());
        in(where, params, "connection", filter.connection());
        in(where, params, "type", filter.type());
        in(where, params, "sourceType", filter.sourceType());
        in(where, params, "objectType", filter.objectType());
        in(where, params, "objectId", filter.objectId());
        in(where, params, "actorId", filter.actorId());
        in(where, params, "containerId", filter.containerId());
        if (filter.since() != null) {
            where.add("occurredAt >= :since");
            params.and("since", filter.since());
        }
        if (filter.until() != null) {
            where.add("occurredAt < :until");
            params.and("until", filter.until());
        }
        if (filter.text() != null) {
            // The same test as EventFilter.matches: the summary, lower-cased, contains the text literally.
            where.add("lower(summary) like :text escape '!'");
            params.and("text", "%" + filter.text().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
    }

    /**
     * Matching events per source and per time bucket: rows of (source, bucket number, count), where bucket number
     * {@code n} covers {@code [n * bucketSeconds, (n + 1) * bucketSeconds)} seconds since the epoch. Only buckets
     * that hold events are returned.
     */
    public List<Object[]> countsPerBucket(EventFilter filter, long bucketSeconds) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        where(filter, where, params);
        // A literal, not a parameter: PostgreSQL only groups by an expression it can see is the selected one.
        String bucket = "floor(extract(epoch from occurredAt) / " + bucketSeconds + ")";
        String query = "select source, " + bucket + ", count(*) from EventEntity"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " group by source, " + bucket;
        var typed = EventEntity.getEntityManager().createQuery(query, Object[].class);
        params.map().forEach(typed::setParameter);
        return typed.getResultList();
    }

    private static void in(List<String> where, Parameters params, String field, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        if (values.size() == 1) {
            where.add(field + " = :" + field);
            params.and(field, values.get(0));
        } else {
            where.add(field + " in :" + field);
            params.and(field, values);
        }
    }
}
