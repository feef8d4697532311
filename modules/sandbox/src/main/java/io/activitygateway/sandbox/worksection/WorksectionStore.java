package io.activitygateway.sandbox.worksection;

import io.activitygateway.sandbox.index.TimeIndex;
import io.activitygateway.sandbox.index.TimeRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Worksection's projects, tasks and comments, and its records indexed by moment overall and per project. */
final class WorksectionStore {

    /** A project, task or comment; mutable, guarded by the store lock. */
    static final class Item {
        final String type;
        final long id;
        final long projectId;
        final long taskId;
        final Map<String, String> fields = new LinkedHashMap<>();
        boolean closed;
        boolean deleted;

        Item(String type, long id, long projectId, long taskId) {
            this.type = type;
            this.id = id;
            this.projectId = projectId;
            this.taskId = taskId;
        }
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, List<Item>> items = new HashMap<>();
    private final Map<String, Map<Long, Item>> byId = new HashMap<>();
    private final Map<String, Long> nextId = new HashMap<>(Map.of("project", 1_000L, "task", 100_000L, "comment", 500_000L));

    private final TimeIndex<WorksectionRecord> all = index();
    private final Map<Long, TimeIndex<WorksectionRecord>> byProject = new HashMap<>();

    private static TimeIndex<WorksectionRecord> index() {
        return new TimeIndex<>(WorksectionRecord::at, WorksectionRecord::changeId);
    }

    ReentrantReadWriteLock.WriteLock writeLock() {
        return lock.writeLock();
    }

    // ---- catalog (callers hold the write lock) ----

    Item newItem(String type, long projectId, long taskId) {
        long id = nextId.merge(type, 1L, Long::sum);
        Item item = new Item(type, id, type.equals("project") ? id : projectId, taskId);
        items.computeIfAbsent(type, k -> new ArrayList<>()).add(item);
        byId.computeIfAbsent(type, k -> new HashMap<>()).put(id, item);
        return item;
    }

    Item item(String type, long id) {
        return byId.getOrDefault(type, Map.of()).get(id);
    }

    /** A random item of {@code type} that is not deleted, or null. */
    Item any(String type, Random random) {
        List<Item> list = items.getOrDefault(type, List.of());
        for (int attempt = 0; attempt < 8 && !list.isEmpty(); attempt++) {
            Item item = list.get(random.nextInt(list.size()));
            if (!item.deleted) {
                return item;
            }
        }
        return null;
    }

    long firstProjectId() {
        return items.get("project").get(0).id;
    }

    int count(String type) {
        return items.getOrDefault(type, List.of()).size();
    }

    List<Long> ids(String type) {
        lock.readLock().lock();
        try {
            return items.getOrDefault(type, List.of()).stream().filter(i -> !i.deleted).map(i -> i.id).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    boolean hasProject(long id) {
        lock.readLock().lock();
        try {
            return item("project", id) != null;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---- records ----

    void record(WorksectionRecord record) {
        all.add(record);
        byProject.computeIfAbsent(record.projectId(), k -> index()).add(record);
    }

    /** Records in {@code range}, oldest first, at most {@code max}; {@code projectId} 0 means all projects. */
    List<WorksectionRecord> window(TimeRange range, long projectId, int max) {
        lock.readLock().lock();
        try {
            TimeIndex<WorksectionRecord> index = projectId == 0 ? all : byProject.get(projectId);
            if (index == null) {
                return List.of();
            }
            int lo = index.lowerBound(range);
            int hi = Math.min(index.upperBound(range), lo + max);
            List<WorksectionRecord> out = new ArrayList<>(Math.max(0, hi - lo));
            for (int i = lo; i < hi; i++) {
                out.add(index.get(i));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }
}
