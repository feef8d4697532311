package io.activitygateway.gateway.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.activitygateway.gateway.api.CloudEvent;
import io.activitygateway.gateway.api.EventFormat;
import io.activitygateway.gateway.api.EventView;
import io.activitygateway.gateway.store.EventEntity;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events frames. Event JSON comes from the same mapper as the rest of the API, so a feed message
 * carries exactly what {@code GET /api/v1/events/{id}} answers (without {@code raw}).
 */
@ApplicationScoped
public class FeedCodec {

    static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");

    @Inject
    ObjectMapper mapper;

    /** {@code id: <seq>}, {@code event: activity}, {@code data: <event JSON>}. */
    Buffer activity(EventEntity row, EventFormat format) {
        EventView view = EventView.of(row, false);
        return frame(Long.toString(row.seq), "activity", json(format == EventFormat.CLOUDEVENTS
                ? CloudEvent.of(view) : view));
    }

    /**
     * The first frame of every stream: the reconnection advice, and the seq the stream continues after as the
     * message id, so a client knows where it resumed and reconnects from there even if nothing else came.
     */
    Buffer opening(long after, long retryMillis) {
        return Buffer.buffer("retry: " + retryMillis + "\n")
                .appendBuffer(frame(Long.toString(after), "resume", "{\"after\":" + after + "}"));
    }

    /** Ends a stream whose next events are no longer stored (retention); the client must start over. */
    Buffer gone(long after, long purgedThrough) {
        return frame(null, "gone", "{\"after\":" + after + ",\"purgedThrough\":" + purgedThrough
                + ",\"detail\":\"Events after " + after + " are no longer stored; list the current state and"
                + " reconnect without Last-Event-ID.\"}");
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * One message. Compact JSON has no line breaks except as whitespace between tokens, where a space means the
     * same; replacing them keeps every message on one {@code data:} line.
     */
    static Buffer frame(String id, String event, String data) {
        StringBuilder out = new StringBuilder(data.length() + 48);
        if (id != null) {
            out.append("id: ").append(id).append('\n');
        }
        out.append("event: ").append(event).append('\n');
        out.append("data: ").append(data.replace('\n', ' ').replace('\r', ' ')).append("\n\n");
        return Buffer.buffer(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
