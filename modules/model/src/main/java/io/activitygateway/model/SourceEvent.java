package io.activitygateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One upstream record as an adapter normalized it, before the gateway stores it and gives it an id and a seq.
 *
 * @param key           what makes this change unique within its connection; the same upstream change must
 *                      always give the same key, however and whenever it is read again (the gateway derives
 *                      the event id from it and stores a key once)
 * @param sourceEventId the upstream id, or for sources without ids the key the adapter derived
 * @param raw           the upstream record as received, kept for {@code include=raw}
 */
public record SourceEvent(
        String key,
        String sourceEventId,
        EventType type,
        String sourceType,
        Instant occurredAt,
        TimePrecision occurredAtPrecision,
        Instant recordedAt,
        Actor actor,
        ObjectRef object,
        ObjectRef container,
        List<FieldChange> changes,
        String summary,
        JsonNode raw) {

    public SourceEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(object, "object");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        sourceEventId = sourceEventId == null ? key : sourceEventId;
        occurredAtPrecision = occurredAtPrecision == null ? TimePrecision.SECOND : occurredAtPrecision;
        actor = actor == null ? Actor.UNKNOWN : actor;
        changes = changes == null ? List.of() : List.copyOf(changes);
        summary = summary == null ? "" : summary;
    }
}
