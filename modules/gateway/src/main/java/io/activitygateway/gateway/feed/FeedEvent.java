package io.activitygateway.gateway.feed;

import io.activitygateway.gateway.api.EventFormat;
import io.activitygateway.gateway.store.EventEntity;
import io.vertx.core.buffer.Buffer;

/**
 * One event in the shared window: the stored row (without the upstream record) for matching filters, and its
 * messages, written once and shared by every subscriber (Vert.x writes a buffer without consuming it).
 */
final class FeedEvent {

    final long seq;
    final EventEntity row;
    private volatile Buffer json;
    private volatile Buffer cloudEvents;

    FeedEvent(EventEntity row, FeedCodec codec) {
        row.raw = null;
        this.seq = row.seq;
        this.row = row;
    }

    /**
     * The message in the given format, made on first use (racing threads make equal ones) and then shared: an event
     * no subscriber is sent (a backfill with nobody listening) is never encoded.
     */
    Buffer frame(EventFormat format, FeedCodec codec) {
        if (format == EventFormat.JSON) {
            Buffer frame = json;
            if (frame == null) {
                frame = codec.activity(row, EventFormat.JSON);
                json = frame;
            }
            return frame;
        }
        Buffer frame = cloudEvents;
        if (frame == null) {
            frame = codec.activity(row, EventFormat.CLOUDEVENTS);
            cloudEvents = frame;
        }
        return frame;
    }
}
