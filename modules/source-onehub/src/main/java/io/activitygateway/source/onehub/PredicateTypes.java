package io.activitygateway.source.onehub;

import io.activitygateway.model.EventType;
import java.util.Locale;
import java.util.Map;

/** The unified type of a detail's {@code <predicate>}; a verb Onehub may add later becomes {@code other}. */
final class PredicateTypes {

    private static final Map<String, EventType> TYPES = Map.of(
            "created", EventType.CREATED,
            "uploaded", EventType.UPLOADED,
            "viewed", EventType.VIEWED,
            "downloaded", EventType.DOWNLOADED,
            "updated", EventType.UPDATED,
            "renamed", EventType.UPDATED,
            "deleted", EventType.DELETED,
            "invited", EventType.INVITED);

    private PredicateTypes() {
    }

    static EventType of(String predicate) {
        return predicate == null ? EventType.OTHER
                : TYPES.getOrDefault(predicate.strip().toLowerCase(Locale.ROOT), EventType.OTHER);
    }
}
