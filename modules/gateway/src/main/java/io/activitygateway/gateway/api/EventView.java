package io.activitygateway.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.activitygateway.gateway.store.EventEntity;
import io.activitygateway.model.Actor;
import io.activitygateway.model.ObjectRef;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An event as the API shows it: the unified event schema (docs/event-schema.md). */
@JsonPropertyOrder({ "id", "seq", "source", "connection", "sourceEventId", "type", "sourceType", "occurredAt",
        "occurredAtPrecision", "recordedAt", "ingestedAt", "actor", "object", "container", "changes", "summary",
        "raw" })
@Schema(name = "Event", description = "One normalized activity event")
public record EventView(
        String id,
        long seq,
        String source,
        String connection,
        String sourceEventId,
        String type,
        String sourceType,
        Instant occurredAt,
        String occurredAtPrecision,
        Instant recordedAt,
        Instant ingestedAt,
        Actor actor,
        ObjectRef object,
        ObjectRef container,
        @Schema(implementation = Object[].class, description = "[{field, old, new}]") @JsonRawValue String changes,
        String summary,
        @Schema(implementation = Object.class, description = "The upstream record; only with include=raw")
        @JsonRawValue @JsonInclude(JsonInclude.Include.NON_NULL) String raw) {

    public static EventView of(EventEntity e, boolean includeRaw) {
        ObjectRef container = e.containerType == null && e.containerId == null && e.containerName == null
                && e.containerUrl == null ? null
                : new ObjectRef(e.containerType, e.containerId, e.containerName, e.containerUrl);
        return new EventView(e.id, e.seq, e.source, e.connection, e.sourceEventId, e.type, e.sourceType,
                e.occurredAt, e.occurredPrecision, e.recordedAt, e.ingestedAt,
                new Actor(e.actorId, e.actorName, e.actorEmail),
                new ObjectRef(e.objectType, e.objectId, e.objectName, e.objectUrl), container, e.changes, e.summary,
                includeRaw ? (e.raw == null ? "null" : e.raw) : null);
    }
}
