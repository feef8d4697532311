package io.activitygateway.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.activitygateway.model.Json;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.model.SourceEvent;
import java.time.Instant;

/**
 * Turns an adapter's event into a row. Values are fitted to their columns (cut to length, NUL characters
 * replaced), because one odd upstream record must never make a whole batch, and so the connection, fail forever.
 */
final class EventRows {

    private static final ObjectMapper JSON = Json.mapper();

    private EventRows() {
    }

    /** The row of event {@code id} (its seq is set once the commit hands one out). */
    static EventEntity row(String id, String connection, String source, SourceEvent e, Instant ingestedAt) {
        EventEntity row = EventEntity.untracked();
        row.id = id;
        row.source = source;
        row.connection = connection;
        row.sourceEventId = fit(e.sourceEventId(), 512);
        row.type = e.type().wireName();
        row.sourceType = fit(e.sourceType(), 255);
        row.occurredAt = micros(e.occurredAt());
        row.occurredPrecision = e.occurredAtPrecision().wireName();
        row.recordedAt = micros(e.recordedAt());
        row.ingestedAt = ingestedAt;
        row.actorId = fit(e.actor().id(), 255);
        row.actorName = fit(e.actor().name(), 512);
        row.actorEmail = fit(e.actor().email(), 512);
        ObjectRef object = e.object();
        row.objectType = fit(object.type(), 128);
        row.objectId = fit(object.id(), 255);
        row.objectName = fit(object.name(), 1024);
        row.objectUrl = fit(object.url(), 2048);
        ObjectRef container = e.container();
        if (container != null) {
            row.containerType = fit(container.type(), 128);
            row.containerId = fit(container.id(), 255);
            row.containerName = fit(container.name(), 1024);
            row.containerUrl = fit(container.url(), 2048);
        }
        row.changes = json(e.changes());
        row.summary = clean(e.summary());
        row.raw = e.raw() == null ? null : json(e.raw());
        return row;
    }

    /**
     * The columns keep microseconds; the row handed to the feed must say exactly what a read of the store says.
     */
    static Instant micros(Instant t) {
        return t == null || t.getNano() % 1000 == 0 ? t : t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    static String fit(String value, int max) {
        String cleaned = clean(value);
        if (cleaned == null || cleaned.length() <= max) {
            return cleaned;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(cleaned.charAt(end - 1))) {
            end--;
        }
        return cleaned.substring(0, end) + "…";
    }

    /** PostgreSQL refuses NUL in text; JSON output escapes it, plain columns need it replaced. */
    static String clean(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
