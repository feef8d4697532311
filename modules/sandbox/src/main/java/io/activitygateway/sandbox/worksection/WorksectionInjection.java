package io.activitygateway.sandbox.worksection;

import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.fault.Malformation;
import io.activitygateway.sandbox.truth.TruthEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An exact Worksection record for a test. Unset parts default to: the object's own project and task when the
 * object exists (else the first project), the first person, now. Each {@link #emit()} is one more change: emit
 * twice for two identical records.
 */
public final class WorksectionInjection {

    private final WorksectionSimulator simulator;
    private final String action;
    private final String objectType;
    private final long objectId;
    private Long projectId;
    private Long taskId;
    private Long userId;
    private Instant at;
    private Map<String, String> newValues;
    private Map<String, String> oldValues;
    private Malformation malformed;

    WorksectionInjection(WorksectionSimulator simulator, String action, String objectType, long objectId) {
        this.simulator = simulator;
        this.action = Objects.requireNonNull(action, "action");
        this.objectType = Objects.requireNonNull(objectType, "objectType");
        this.objectId = objectId;
    }

    public WorksectionInjection project(long projectId) {
        this.projectId = projectId;
        return this;
    }

    /** The task a comment belongs to (its {@code object.page}). */
    public WorksectionInjection task(long taskId) {
        this.taskId = taskId;
        return this;
    }

    public WorksectionInjection user(long userId) {
        this.userId = userId;
        return this;
    }

    public WorksectionInjection at(Instant at) {
        this.at = at;
        return this;
    }

    public WorksectionInjection newValue(String field, String value) {
        if (newValues == null) {
            newValues = new LinkedHashMap<>();
        }
        newValues.put(field, value);
        return this;
    }

    public WorksectionInjection oldValue(String field, String value) {
        if (oldValues == null) {
            oldValues = new LinkedHashMap<>();
        }
        oldValues.put(field, value);
        return this;
    }

    public WorksectionInjection malformed(Malformation malformation) {
        if (malformation != null && malformation.api() != Api.WORKSECTION) {
            throw new IllegalArgumentException(malformation + " is not a Worksection malformation");
        }
        this.malformed = malformation;
        return this;
    }

    public TruthEntry emit() {
        WorksectionStore store = simulator.store();
        store.writeLock().lock();
        try {
            WorksectionStore.Item item = store.item(objectType, objectId);
            long project = projectId != null ? projectId
                    : item != null ? item.projectId
                    : objectType.equals("project") ? objectId : store.firstProjectId();
            long task = taskId != null ? taskId
                    : objectType.equals("task") ? objectId
                    : item != null ? item.taskId : 0;
            long when = at != null ? at.toEpochMilli() : simulator.clock().millis();
            long user = userId != null ? userId : simulator.world().person(0).worksectionUserId();
            return simulator.commit(new WorksectionRecord(simulator.nextChangeId(), when, action, objectType, objectId,
                    project, task, user, WorksectionSimulator.frozen(newValues), WorksectionSimulator.frozen(oldValues),
                    malformed));
        } finally {
            store.writeLock().unlock();
        }
    }
}
