package io.activitygateway.gateway.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.activitygateway.gateway.api.CloudEvent;
import io.activitygateway.gateway.api.EventView;
import io.activitygateway.gateway.feed.FeedHistory;
import io.activitygateway.gateway.store.EventEntity;
import io.activitygateway.gateway.store.EventFilter;
import io.activitygateway.sink.OutboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.jpa.HibernateHints;

/**
 * What sinks read from the store, as {@link OutboundEvent}s: in seq order, bounded by a head that was seen (so a
 * read is final: seqs become visible in commit order), with the same JSON and CloudEvents mapping as the API.
 */
@ApplicationScoped
public class SinkReader {

    @Inject
    FeedHistory history;
    @Inject
    ObjectMapper mapper;
    @Inject
    jakarta.persistence.EntityManager em;

    public long head() {
        return history.head();
    }

    /** Up to {@code limit} matching events with {@code after < seq <= upTo}, in seq order. */
    public List<OutboundEvent> page(EventFilter filter, long after, long upTo, int limit) {
        return convert(history.after(filter, after, upTo, limit));
    }

    /** The stored events with these seqs, in seq order (a parked message being replayed). */
    @Transactional
    public List<OutboundEvent> bySeqs(List<Long> seqs) {
        return convert(em.createQuery("from EventEntity e where e.seq in :seqs order by e.seq", EventEntity.class)
                .setParameter("seqs", seqs).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList());
    }

    private List<OutboundEvent> convert(List<EventEntity> rows) {
        List<OutboundEvent> out = new ArrayList<>(rows.size());
        for (EventEntity row : rows) {
            out.add(outbound(row));
        }
        return out;
    }

    OutboundEvent outbound(EventEntity row) {
        EventView view = EventView.of(row, false);
        CloudEvent ce = CloudEvent.of(view);
        byte[] data;
        try {
            data = mapper.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + row.id + " as JSON: " + e.getOriginalMessage(), e);
        }
        return new OutboundEvent(row.seq, row.id, row.source, row.connection, row.objectType, row.objectId,
                ce.source(), ce.type(), ce.subject(), row.occurredAt, row.ingestedAt, data);
    }
}
