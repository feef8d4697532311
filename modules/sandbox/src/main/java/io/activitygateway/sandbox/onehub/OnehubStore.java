package io.activitygateway.sandbox.onehub;

import io.activitygateway.sandbox.index.Hits;
import io.activitygateway.sandbox.index.TimeIndex;
import io.activitygateway.sandbox.index.TimeRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/** Onehub's workspaces, folders and files, and its events indexed by time overall, per workspace and per file. */
final class OnehubStore {

    static final class Workspace {
        final long id;
        final String name;
        final Map<Long, Role> roles = new LinkedHashMap<>();
        final List<Folder> folders = new ArrayList<>();
        final List<File> files = new ArrayList<>();

        Workspace(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    record Folder(long id, long workspaceId, String name) {
    }

    static final class File {
        final long id;
        final long workspaceId;
        final Folder folder;
        String name;
        long size;
        boolean deleted;

        File(long id, long workspaceId, Folder folder, String name, long size) {
            this.id = id;
            this.workspaceId = workspaceId;
            this.folder = folder;
            this.name = name;
            this.size = size;
        }
    }

    /** The filters of an activity query; {@code workspaces} already narrowed to the user's memberships. */
    record Filter(Set<Long> workspaces, Set<Verb> verbs, long excludeActor, long onlyActor, TimeRange range) {
        boolean plain() {
            return verbs.isEmpty() && excludeActor == 0 && onlyActor == 0;
        }
    }

    record Page(int total, List<OnehubEvent> events) {
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<Workspace> workspaces = new ArrayList<>();
    private final Map<Long, Workspace> workspaceById = new HashMap<>();
    private final Map<Long, File> files = new HashMap<>();
    private final Map<Long, Folder> folders = new HashMap<>();
    private long nextFolderId = 71_000;
    private long nextFileId = 849_600;

    private long nextEventId;
    private final TimeIndex<OnehubEvent> all = index();
    private final Map<Long, TimeIndex<OnehubEvent>> byWorkspace = new HashMap<>();
    private final Map<Long, TimeIndex<OnehubEvent>> byFile = new HashMap<>();

    OnehubStore(long firstEventId) {
        this.nextEventId = firstEventId;
    }

    private static TimeIndex<OnehubEvent> index() {
        return new TimeIndex<>(OnehubEvent::at, OnehubEvent::id);
    }

    ReentrantReadWriteLock.WriteLock writeLock() {
        return lock.writeLock();
    }

    ReentrantReadWriteLock.ReadLock readLock() {
        return lock.readLock();
    }

    // ---- catalog (callers hold a lock) ----

    Workspace addWorkspace(long id, String name) {
        Workspace workspace = new Workspace(id, name);
        workspaces.add(workspace);
        workspaceById.put(id, workspace);
        return workspace;
    }

    List<Workspace> workspaces() {
        return workspaces;
    }

    Workspace workspace(long id) {
        return workspaceById.get(id);
    }

    Folder addFolder(Workspace workspace, String name) {
        Folder folder = new Folder(++nextFolderId, workspace.id, name);
        workspace.folders.add(folder);
        folders.put(folder.id(), folder);
        return folder;
    }

    Folder folder(long id) {
        return folders.get(id);
    }

    File addFile(Workspace workspace, Folder folder, String name, long size) {
        File file = new File(++nextFileId, workspace.id, folder, name, size);
        workspace.files.add(file);
        files.put(file.id, file);
        return file;
    }

    File file(long id) {
        return files.get(id);
    }

    /** A random file of {@code workspace} that still exists, or null. */
    File anyFile(Workspace workspace, Random random) {
        for (int attempt = 0; attempt < 8 && !workspace.files.isEmpty(); attempt++) {
            File file = workspace.files.get(random.nextInt(workspace.files.size()));
            if (!file.deleted) {
                return file;
            }
        }
        return null;
    }

    long nextEventId() {
        return nextEventId;
    }

    // ---- events ----

    void record(OnehubEvent event) {
        nextEventId = Math.max(nextEventId, event.id() + 1);
        all.add(event);
        byWorkspace.computeIfAbsent(event.workspaceId(), k -> index()).add(event);
        if (event.target() == OnehubEvent.Target.FILE) {
            byFile.computeIfAbsent(event.targetId(), k -> index()).add(event);
        }
    }

    /** Newest first. A query over every workspace, or one, with no other filter, is a plain index window. */
    Page activity(Filter filter, int page, int perPage) {
        lock.readLock().lock();
        try {
            Hits<OnehubEvent> hits;
            if (filter.plain() && filter.workspaces().size() == workspaces.size()) {
                hits = Hits.window(all, filter.range(), Long.MAX_VALUE, e -> true, true);
            } else if (filter.plain() && filter.workspaces().size() == 1) {
                TimeIndex<OnehubEvent> index = byWorkspace.get(filter.workspaces().iterator().next());
                hits = index == null ? Hits.of(List.of(), true) : Hits.window(index, filter.range(), Long.MAX_VALUE, e -> true, true);
            } else {
                List<TimeIndex<OnehubEvent>> indexes = new ArrayList<>();
                for (long id : filter.workspaces()) {
                    TimeIndex<OnehubEvent> index = byWorkspace.get(id);
                    if (index != null) {
                        indexes.add(index);
                    }
                }
                Predicate<OnehubEvent> test = e -> (filter.verbs().isEmpty() || filter.verbs().contains(e.verb()))
                        && e.actorId() != filter.excludeActor()
                        && (filter.onlyActor() == 0 || e.actorId() == filter.onlyActor());
                hits = Hits.of(Hits.collect(indexes, filter.range(), test), true);
            }
            return new Page(hits.count(), hits.page((page - 1) * perPage, perPage));
        } finally {
            lock.readLock().unlock();
        }
    }

    Page auditTrail(long fileId, TimeRange range, int page, int perPage) {
        lock.readLock().lock();
        try {
            TimeIndex<OnehubEvent> index = byFile.get(fileId);
            Hits<OnehubEvent> hits = index == null ? Hits.of(List.of(), true)
                    : Hits.window(index, range, Long.MAX_VALUE, e -> true, true);
            return new Page(hits.count(), hits.page((page - 1) * perPage, perPage));
        } finally {
            lock.readLock().unlock();
        }
    }
}
