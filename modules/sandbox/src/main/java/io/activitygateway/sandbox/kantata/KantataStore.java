package io.activitygateway.sandbox.kantata;

import io.activitygateway.sandbox.index.Hits;
import io.activitygateway.sandbox.index.TimeIndex;
import io.activitygateway.sandbox.index.TimeRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * Kantata's subjects and events. Events are indexed by {@code created_at} overall and per event type, subject
 * type, subject and user, so each query walks only the candidates of its most selective filter.
 */
final class KantataStore {

    private static final Comparator<KantataEvent> BY_CREATED_AT =
            Comparator.comparingLong(KantataEvent::createdAt).thenComparingLong(KantataEvent::id);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final Map<SubjectType, Map<Long, KantataSubject>> subjects = new EnumMap<>(SubjectType.class);
    private final Map<SubjectType, List<KantataSubject>> live = new EnumMap<>(SubjectType.class);
    private final Map<SubjectType, Long> nextSubjectId = new EnumMap<>(SubjectType.class);

    private final List<KantataEvent> byId = new ArrayList<>();
    private final long firstEventId;
    private final TimeIndex<KantataEvent> all = index();
    private final Map<String, TimeIndex<KantataEvent>> byEventType = new HashMap<>();
    private final Map<String, TimeIndex<KantataEvent>> bySubjectType = new HashMap<>();
    private final Map<String, Map<Long, TimeIndex<KantataEvent>>> bySubject = new HashMap<>();
    private final Map<Long, TimeIndex<KantataEvent>> byUser = new HashMap<>();
    /** The longest visibleAt - createdAt seen: events older than that are visible without looking. */
    private long maxLag;

    /** One page of a query, with the subjects it side-loads (copied under the lock). */
    record Page(int total, List<KantataEvent> events, Map<Long, SubjectSnapshot> subjects) {
    }

    record SubjectSnapshot(String key, long id, Map<String, Object> attributes) {
    }

    KantataStore(long firstEventId) {
        this.firstEventId = firstEventId;
        for (SubjectType type : SubjectType.values()) {
            subjects.put(type, new HashMap<>());
            live.put(type, new ArrayList<>());
        }
        nextSubjectId.put(SubjectType.WORKSPACE, 5_000L);
        nextSubjectId.put(SubjectType.STORY, 300_000L);
        nextSubjectId.put(SubjectType.TIME_ENTRY, 7_000_000L);
        nextSubjectId.put(SubjectType.EXPENSE, 900_000L);
    }

    private static TimeIndex<KantataEvent> index() {
        return new TimeIndex<>(KantataEvent::createdAt, KantataEvent::id);
    }

    ReentrantReadWriteLock.WriteLock writeLock() {
        return lock.writeLock();
    }

    // ---- catalog (callers hold the write lock) ----

    KantataSubject newSubject(SubjectType type, long workspaceId) {
        long id = nextSubjectId.merge(type, 1L, Long::sum);
        KantataSubject subject = new KantataSubject(type, id, type == SubjectType.WORKSPACE ? id : workspaceId);
        add(subject);
        return subject;
    }

    void add(KantataSubject subject) {
        subjects.get(subject.type).put(subject.id, subject);
        List<KantataSubject> list = live.get(subject.type);
        subject.liveIndex = list.size();
        list.add(subject);
        nextSubjectId.merge(subject.type, subject.id, Math::max);
    }

    void delete(KantataSubject subject, long at) {
        subject.deletedAt = Math.min(subject.deletedAt, at);
        if (subject.liveIndex < 0) {
            return;
        }
        // Swap-remove: deletes are frequent and the live list can hold a hundred thousand subjects.
        List<KantataSubject> list = live.get(subject.type);
        KantataSubject last = list.remove(list.size() - 1);
        if (last != subject) {
            list.set(subject.liveIndex, last);
            last.liveIndex = subject.liveIndex;
        }
        subject.liveIndex = -1;
    }

    KantataSubject subject(SubjectType type, long id) {
        return subjects.get(type).get(id);
    }

    /** A random existing subject of {@code type}, or null if none. */
    KantataSubject anyLive(SubjectType type, Random random) {
        List<KantataSubject> list = live.get(type);
        return list.isEmpty() ? null : list.get(random.nextInt(list.size()));
    }

    int liveCount(SubjectType type) {
        return live.get(type).size();
    }

    List<Long> liveIds(SubjectType type) {
        lock.readLock().lock();
        try {
            return liveIdsLocked(type);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Live ids in ascending order; the caller holds a lock. */
    List<Long> liveIdsLocked(SubjectType type) {
        return live.get(type).stream().map(s -> s.id).sorted().toList();
    }

    long nextEventId() {
        return firstEventId + byId.size();
    }

    // ---- events (callers hold the write lock) ----

    void record(List<KantataEvent> events) {
        for (KantataEvent event : events) {
            KantataChange change = event.change();
            if (event.id() != nextEventId()) {
                throw new IllegalStateException("event ids must be allocated in order");
            }
            byId.add(event);
            all.add(event);
            byEventType.computeIfAbsent(change.eventType(), k -> index()).add(event);
            bySubjectType.computeIfAbsent(change.subjectType(), k -> index()).add(event);
            bySubject.computeIfAbsent(change.subjectType(), k -> new HashMap<>())
                    .computeIfAbsent(change.subjectId(), k -> index()).add(event);
            byUser.computeIfAbsent(change.userId(), k -> index()).add(event);
            maxLag = Math.max(maxLag, event.visibleAt() - event.createdAt());
        }
    }

    // ---- queries ----

    /**
     * @param visibleUntil events that become visible after this are not served: {@code now}, or earlier while the
     *                     pipeline is stalled
     */
    Page query(KantataQuery q, long now, long visibleUntil, long retentionMillis) {
        lock.readLock().lock();
        try {
            TimeRange range = new TimeRange(
                    q.createdAfter() == null ? Long.MIN_VALUE : q.createdAfter().toEpochMilli(), q.createdAfter() == null,
                    q.createdBefore() == null ? Long.MAX_VALUE : q.createdBefore().toEpochMilli(), q.createdBefore() == null)
                    .atLeast(now - retentionMillis);
            Hits<KantataEvent> hits = select(q, range, visibleUntil);
            int offset = (int) Math.min(Integer.MAX_VALUE, (long) (q.page() - 1) * q.perPage());
            List<KantataEvent> events = hits.page(offset, q.perPage());
            Map<Long, SubjectSnapshot> refs = new HashMap<>();
            if (q.includeSubject()) {
                for (KantataEvent event : events) {
                    SubjectSnapshot snapshot = snapshot(event.change(), now);
                    if (snapshot != null) {
                        refs.put(event.id(), snapshot);
                    }
                }
            }
            return new Page(hits.count(), events, refs);
        } finally {
            lock.readLock().unlock();
        }
    }

    private SubjectSnapshot snapshot(KantataChange change, long now) {
        SubjectType type = SubjectType.ofClassName(change.subjectType()).orElse(null);
        KantataSubject subject = type == null ? null : subjects.get(type).get(change.subjectId());
        if (subject == null || !subject.existsAt(now)) {
            return null;
        }
        return new SubjectSnapshot(type.sideLoadKey(), subject.id, new LinkedHashMap<>(subject.attributes));
    }

    private Hits<KantataEvent> select(KantataQuery q, TimeRange range, long now) {
        Predicate<KantataEvent> visible = e -> e.visibleAt() <= now;
        List<List<TimeIndex<KantataEvent>>> families = new ArrayList<>();
        if (q.subjectType() != null) {
            if (q.subjectIds().isEmpty()) {
                families.add(present(List.of(q.subjectType()), bySubjectType));
            } else {
                families.add(present(q.subjectIds(), bySubject.getOrDefault(q.subjectType(), Map.of())));
            }
        }
        if (!q.eventTypes().isEmpty()) {
            families.add(present(q.eventTypes(), byEventType));
        }
        if (!q.userIds().isEmpty()) {
            families.add(present(q.userIds(), byUser));
        }
        List<TimeIndex<KantataEvent>> chosen = List.of(all);
        long fewest = Long.MAX_VALUE;
        for (List<TimeIndex<KantataEvent>> family : families) {
            long candidates = 0;
            for (TimeIndex<KantataEvent> index : family) {
                candidates += Math.max(0, index.upperBound(range) - index.lowerBound(range));
            }
            if (candidates < fewest) {
                fewest = candidates;
                chosen = family;
            }
        }
        boolean plain = families.size() <= 1 && chosen.size() == 1 && q.only().isEmpty()
                && !q.mostRecent() && !q.mostRecentByEventType();
        if (plain) {
            return Hits.window(chosen.get(0), range, now - maxLag, visible, q.descending());
        }
        Predicate<KantataEvent> filter = visible.and(e -> matches(q, e.change()));
        List<KantataEvent> matches;
        if (!q.only().isEmpty()) {
            matches = new ArrayList<>();
            for (long id : q.only()) {
                long position = id - firstEventId;
                if (position >= 0 && position < byId.size()) {
                    KantataEvent event = byId.get((int) position);
                    if (inRange(range, event.createdAt()) && filter.test(event)) {
                        matches.add(event);
                    }
                }
            }
            matches.sort(BY_CREATED_AT);
        } else {
            matches = Hits.collect(chosen, range, filter);
        }
        if (q.mostRecent() || q.mostRecentByEventType()) {
            matches = latestPerKey(matches, q.mostRecentByEventType());
        }
        return Hits.of(matches, q.descending());
    }

    private static <K> List<TimeIndex<KantataEvent>> present(Iterable<K> keys, Map<K, TimeIndex<KantataEvent>> map) {
        List<TimeIndex<KantataEvent>> out = new ArrayList<>();
        for (K key : keys) {
            TimeIndex<KantataEvent> index = map.get(key);
            if (index != null) {
                out.add(index);
            }
        }
        return out;
    }

    private static boolean inRange(TimeRange range, long t) {
        boolean aboveFrom = range.fromInclusive() ? t >= range.from() : t > range.from();
        boolean belowTo = range.toInclusive() ? t <= range.to() : t < range.to();
        return aboveFrom && belowTo;
    }

    private static boolean matches(KantataQuery q, KantataChange c) {
        return (q.subjectType() == null || q.subjectType().equals(c.subjectType()))
                && (q.subjectIds().isEmpty() || q.subjectIds().contains(c.subjectId()))
                && (q.eventTypes().isEmpty() || q.eventTypes().contains(c.eventType()))
                && (q.userIds().isEmpty() || q.userIds().contains(c.userId()));
    }

    /** Keeps the newest event per subject (or per subject and event type), in ascending order. */
    private static List<KantataEvent> latestPerKey(List<KantataEvent> ascending, boolean perEventType) {
        Map<String, KantataEvent> latest = new LinkedHashMap<>();
        for (KantataEvent event : ascending) {
            KantataChange c = event.change();
            String key = c.subjectType() + "#" + c.subjectId() + (perEventType ? "#" + c.eventType() : "");
            latest.remove(key);
            latest.put(key, event);
        }
        List<KantataEvent> out = new ArrayList<>(latest.values());
        out.sort(BY_CREATED_AT);
        return out;
    }
}
