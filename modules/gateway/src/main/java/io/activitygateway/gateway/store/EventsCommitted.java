package io.activitygateway.gateway.store;

/**
 * Fired inside the transaction that stored events; observe it with {@code during = AFTER_SUCCESS} to react once
 * they are visible to readers.
 *
 * @param lastSeq the highest seq stored by this batch
 */
public record EventsCommitted(String connection, long lastSeq, int stored) {
}
