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

    /** Releases connections and threads; the sink is not used afterwards. */
    @Override
    void close();
}
