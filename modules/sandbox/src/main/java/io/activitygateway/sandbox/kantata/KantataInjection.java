package io.activitygateway.sandbox.kantata;

import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.fault.Malformation;
import io.activitygateway.sandbox.truth.TruthEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An exact Kantata event for a test. Unset parts default to: the first existing subject of the event type's
 * subject type, the first person, {@code created_at} = now (whole seconds), {@code subject_changed_at} =
 * {@code created_at}, visible at {@code created_at}, emitted once. A {@code :created} event for an unknown id
 * adds the subject; an {@code :updated} event applies its changes to the subject (side-loads show them); a
 * {@code :deleted} event removes it (so {@code subject_ref} turns null).
 */
public final class KantataInjection {

    private final KantataSimulator simulator;
    private final String eventType;
    private String subjectType;
    private Long subjectId;
    private Long workspaceId;
    private Long userId;
    private Instant changedAt;
    private Instant createdAt;
    private Instant visibleAt;
    private Instant duplicateCreatedAt;
    private Instant duplicateVisibleAt;
    private Malformation malformed;
    private final List<FieldChange> changes = new ArrayList<>();

    KantataInjection(KantataSimulator simulator, String eventType) {
        this.simulator = simulator;
        this.eventType = Objects.requireNonNull(eventType, "eventType");
    }

    public KantataInjection subject(String subjectType, long subjectId) {
        this.subjectType = subjectType;
        this.subjectId = subjectId;
        return this;
    }

    public KantataInjection workspace(long workspaceId) {
        this.workspaceId = workspaceId;
        return this;
    }

    public KantataInjection user(long userId) {
        this.userId = userId;
        return this;
    }

    public KantataInjection changedAt(Instant changedAt) {
        this.changedAt = changedAt;
        return this;
    }

    public KantataInjection createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    public KantataInjection visibleAt(Instant visibleAt) {
        this.visibleAt = visibleAt;
        return this;
    }

    /** Adds {@code "field": [before, after]} to {@code payload_changes}. */
    public KantataInjection change(String field, Object before, Object after) {
        changes.add(new FieldChange(field, before, after));
        return this;
    }

    /** Emits the change a second time, under the next id, created (and visible) at {@code createdAt}. */
    public KantataInjection duplicate(Instant createdAt) {
        return duplicate(createdAt, createdAt);
    }

    public KantataInjection duplicate(Instant createdAt, Instant visibleAt) {
        this.duplicateCreatedAt = createdAt;
        this.duplicateVisibleAt = visibleAt;
        return this;
    }

    public KantataInjection malformed(Malformation malformation) {
        if (malformation != null && malformation.api() != Api.KANTATA) {
            throw new IllegalArgumentException(malformation + " is not a Kantata malformation");
        }
        this.malformed = malformation;
        return this;
    }

    public TruthEntry emit() {
        KantataStore store = simulator.store();
        store.writeLock().lock();
        try {
            SubjectType known = SubjectType.ofEventType(eventType).orElse(null);
            if (subjectType == null) {
                if (known == null) {
                    throw new IllegalArgumentException("give subject(type, id) for event type " + eventType);
                }
                subjectType = known.className();
            }
            SubjectType type = SubjectType.ofClassName(subjectType).orElse(null);
            KantataSubject subject = null;
            if (type != null) {
                if (subjectId == null) {
                    List<Long> ids = store.liveIdsLocked(type);
                    if (ids.isEmpty()) {
                        throw new IllegalStateException("no " + subjectType + " exists; give subject(type, id)");
                    }
                    subjectId = ids.get(0);
                }
                subject = store.subject(type, subjectId);
                if (subject == null && eventType.endsWith(":created")) {
                    subject = new KantataSubject(type, subjectId, workspaceId == null ? subjectId : workspaceId);
                    for (FieldChange change : changes) {
                        subject.attributes.put(change.field(), change.after());
                    }
                    store.add(subject);
                }
            }
            if (subjectId == null) {
                throw new IllegalArgumentException("give subject(type, id) for subject type " + subjectType);
            }
            long created = createdAt != null ? createdAt.toEpochMilli() : secondsOf(simulator.clock().millis());
            long changed = changedAt != null ? changedAt.toEpochMilli() : created;
            long visible = visibleAt != null ? visibleAt.toEpochMilli() : created;
            if (subject != null && eventType.endsWith(":deleted")) {
                store.delete(subject, changed);
            } else if (subject != null && eventType.endsWith(":updated")) {
                // Side-loads show the subject as it is now, so the injected change must land on it.
                for (FieldChange change : changes) {
                    subject.attributes.put(change.field(), change.after());
                }
            }
            long workspace = workspaceId != null ? workspaceId : subject != null ? subject.workspaceId : 0;
            long user = userId != null ? userId : simulator.world().person(0).kantataUserId();
            return simulator.commit(eventType, subjectType, subjectId, workspace, user, changed, changes, created,
                    visible, duplicateCreatedAt == null ? 0 : duplicateCreatedAt.toEpochMilli(),
                    duplicateVisibleAt == null ? 0 : duplicateVisibleAt.toEpochMilli(), malformed);
        } finally {
            store.writeLock().unlock();
        }
    }

    private static long secondsOf(long millis) {
        return millis - Math.floorMod(millis, 1000);
    }
}
