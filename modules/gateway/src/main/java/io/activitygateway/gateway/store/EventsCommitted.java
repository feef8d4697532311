package io.activitygateway.gateway.store;

import java.util.List;

/**
 * Fired inside the transaction that stored events; observe it with {@code during = AFTER_SUCCESS} to react once
 * they are visible to readers.
 *
 * @param lastSeq the highest seq stored by this batch
 * @param previousHead the last seq any commit had handed out before this one: if a reader has read up to it, the
 *                     {@code rows} are exactly what comes next
 * @param rows the stored rows in seq order, as a read of the store would return them; read-only
 */
public record EventsCommitted(String connection, long lastSeq, int stored, long previousHead,
        List<EventEntity> rows) {

    public EventsCommitted {
        rows = List.copyOf(rows);
    }
}
