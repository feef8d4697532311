package io.activitygateway.gateway.store;

import java.time.Instant;

/** The last event of a page, from which the next page continues (exclusive). */
public record PagePosition(Instant occurredAt, long seq) {

    public static PagePosition of(EventEntity e) {
        return new PagePosition(e.occurredAt, e.seq);
    }
}
