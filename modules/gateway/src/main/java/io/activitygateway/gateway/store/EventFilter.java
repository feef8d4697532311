package io.activitygateway.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a list query (or a feed subscription) asks for. Each list is "any of these"; empty means no restriction.
 * {@code since} is inclusive, {@code until} exclusive, both on {@code occurredAt}. {@code text}, when set, must
 * occur in the summary, ignoring case.
 */
public record EventFilter(
        List<String> source,
        List<String> connection,
        List<String> type,
        List<String> sourceType,
        List<String> objectType,
        List<String> objectId,
        List<String> actorId,
        List<String> containerId,
        Instant since,
        Instant until,
        String text) {

    public static final EventFilter ALL = new EventFilter(List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), null, null, null);

    /** Without free text. */
    public EventFilter(List<String> source, List<String> connection, List<String> type, List<String> sourceType,
            List<String> objectType, List<String> objectId, List<String> actorId, List<String> containerId,
            Instant since, Instant until) {
        this(source, connection, type, sourceType, objectType, objectId, actorId, containerId, since, until, null);
    }

    public EventFilter {
        source = List.copyOf(source);
        connection = List.copyOf(connection);
        type = List.copyOf(type);
        sourceType = List.copyOf(sourceType);
        objectType = List.copyOf(objectType);
        objectId = List.copyOf(objectId);
        actorId = List.copyOf(actorId);
        containerId = List.copyOf(containerId);
        // Lower case once here, so matching an event in the feed costs one lower-casing of its summary.
        text = text == null || text.isEmpty() ? null : text.toLowerCase(Locale.ROOT);
    }

    /** The same filter without its occurredAt range (the feed takes {@code since} as a starting point). */
    public EventFilter withoutTimeRange() {
        return new EventFilter(source, connection, type, sourceType, objectType, objectId, actorId, containerId, null,
                null, text);
    }

    /** Whether a stored event passes the filter; the SQL in {@link EventQueries} says the same. */
    public boolean matches(EventEntity e) {
        return any(source, e.source) && any(connection, e.connection) && any(type, e.type)
                && any(sourceType, e.sourceType) && any(objectType, e.objectType) && any(objectId, e.objectId)
                && any(actorId, e.actorId) && any(containerId, e.containerId)
                && (since == null || !e.occurredAt.isBefore(since))
                && (until == null || e.occurredAt.isBefore(until))
                && (text == null || e.summary != null && e.summary.toLowerCase(Locale.ROOT).contains(text));
    }

    private static boolean any(List<String> wanted, String value) {
        return wanted.isEmpty() || wanted.contains(value);
    }
}
