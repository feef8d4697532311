package io.activitygateway.sandbox.kantata;

import java.util.LinkedHashMap;
import java.util.Map;

/** A simulated Kantata object that events are about. Mutable: the generator edits it; guarded by the store lock. */
final class KantataSubject {

    final SubjectType type;
    final long id;
    final long workspaceId;
    final Map<String, Object> attributes = new LinkedHashMap<>();
    /** When it was deleted (epoch millis), or Long.MAX_VALUE while it exists. */
    long deletedAt = Long.MAX_VALUE;
    /** Position in the store's list of live subjects of this type, -1 once deleted. */
    int liveIndex = -1;

    KantataSubject(SubjectType type, long id, long workspaceId) {
        this.type = type;
        this.id = id;
        this.workspaceId = workspaceId;
    }

    boolean existsAt(long millis) {
        return deletedAt > millis;
    }
}
