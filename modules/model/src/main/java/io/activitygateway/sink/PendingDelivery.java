package io.activitygateway.sink;

/**
 * A batch handed to {@link Sink#send} whose answer is not awaited yet, so the gateway can read and send the next
 * batches while the destination acknowledges this one.
 */
@FunctionalInterface
public interface PendingDelivery {

    /** Waits for the destination's answer to the batch; never throws for a destination's failure. */
    Delivery await() throws InterruptedException;
}
