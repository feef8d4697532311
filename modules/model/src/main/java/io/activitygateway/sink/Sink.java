package io.activitygateway.sink;

import java.util.List;

/**
 * One configured sink, created by its {@link SinkKind}. The gateway calls it from one thread at a time, with the
 * events in seq order, and moves the sink's durable position past an event only once {@link #deliver} reported it
 * acknowledged: delivery is at least once, and a duplicate can only come from a tail that was sent but not
 * acknowledged before a crash or a failure.
 */
public interface Sink extends AutoCloseable {

    /** The most events one {@link #deliver} call takes. */
    int batchSize();

    /** Where the events go, for the status page and logs; never a credential. */
    String target();

    /**
     * Sends the events, in order, and waits for the destination's answer. Never throws for a destination's failure:
     * that is a {@link Delivery} with fewer events acknowledged than sent and the reason.
     *
     * @param batch one to {@link #batchSize()} events in seq order
     * @return how many leading events of the batch the destination acknowledged
     */
    Delivery deliver(List<OutboundEvent> batch) throws InterruptedException;

    /**
     * Starts sending the events, in order after those of earlier calls, and returns without waiting for the
     * destination's answer, which {@link PendingDelivery#await} gives. The gateway keeps a few batches in flight
     * this way and awaits them in the order sent. The default delivers at once (for destinations that cannot keep
     * order with more than one message in flight); Kafka overrides it, its producer keeps order per partition.
     */
    default PendingDelivery send(List<OutboundEvent> batch) throws InterruptedException {
        Delivery d = deliver(batch);
        return () -> d;
    }

    /** How many batches {@link #send} may have in flight at once; 1 means deliver one batch at a time. */
    default int batchesInFlight() {
        return 1;
    }

    /** Releases connections and threads; the sink is not used afterwards. */
    @Override
    void close();
}
