package io.activitygateway.sandbox.worksection;

import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Simulator;
import io.activitygateway.sandbox.fault.Malformation;
import io.activitygateway.sandbox.http.ApiHandler;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.sandbox.world.Names;
import io.activitygateway.sandbox.world.Person;
import io.activitygateway.sandbox.world.World;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Worksection's {@code get_events}: its projects, tasks, comments and the id-less records about them. */
public final class WorksectionSimulator extends Simulator<WorksectionRecord> {

    private final WorksectionSettings settings;
    private final WorksectionStore store = new WorksectionStore();
    private final WorksectionApi api;

    public WorksectionSimulator(World world, Clock clock, long seed, AtomicLong changeIds, WorksectionSettings settings) {
        super(world, clock, changeIds);
        this.settings = settings;
        this.api = new WorksectionApi(store, settings, world, clock, traffic());
        seedCatalog(new Random(seed ^ 0x576f726bL), clock.millis());
    }

    private void seedCatalog(Random random, long now) {
        store.writeLock().lock();
        try {
            for (int i = 0; i < 4; i++) {
                WorksectionStore.Item project = store.newItem("project", 0, 0);
                project.fields.put("name", i == 0 ? Names.TRICKY : Names.title(random));
            }
            for (int i = 0; i < 12; i++) {
                newTask(random, now);
            }
            for (int i = 0; i < 12; i++) {
                newComment(random);
            }
        } finally {
            store.writeLock().unlock();
        }
    }

    public WorksectionSettings settings() {
        return settings;
    }

    public ApiHandler handler() {
        return api;
    }

    /** {@code query} with its {@code hash} appended, as an admin-API client signs it. */
    public String signedQuery(String query) {
        return query + "&hash=" + WorksectionApi.md5Hex(query + settings.apiKey());
    }

    /** Ids of existing projects, tasks or comments ({@code type} as in {@code object.type}). */
    public List<Long> objectIds(String type) {
        return store.ids(type);
    }

    /** Starts an exact record; see {@link WorksectionInjection}. */
    public WorksectionInjection inject(String action, String objectType, long objectId) {
        return new WorksectionInjection(this, action, objectType, objectId);
    }

    // ---- generation ----

    /**
     * Emits one realistic change at {@code at} by {@code actor}; now and then the same update twice within one
     * minute (two identical records, two truth entries). Returns the entries emitted.
     */
    public List<TruthEntry> emitRandom(Random random, long at, Person actor, boolean malformed) {
        store.writeLock().lock();
        try {
            double kind = random.nextDouble();
            double roll = random.nextDouble();
            WorksectionStore.Item item;
            String action;
            Map<String, String> now = null;
            Map<String, String> old = null;
            if (kind < 0.08) {
                item = store.any("project", random);
                if (item == null || (roll < 0.3 && store.count("project") < 10)) {
                    item = store.newItem("project", 0, 0);
                    item.fields.put("name", Names.title(random));
                    action = "post";
                    now = item.fields;
                } else {
                    action = "update";
                    String name = Names.title(random);
                    old = Map.of("name", item.fields.get("name"));
                    now = Map.of("name", name);
                    item.fields.put("name", name);
                }
            } else if (kind < 0.53) {
                item = store.any("task", random);
                if (item == null || roll < 0.2) {
                    item = newTask(random, at);
                    action = "post";
                    now = item.fields;
                } else if (roll < 0.7) {
                    action = "update";
                    String field = Names.pick(random, List.of("name", "date_end", "priority"));
                    String value = switch (field) {
                        case "name" -> Names.title(random);
                        case "date_end" -> date(at, random.nextInt(60));
                        default -> Integer.toString(1 + random.nextInt(10));
                    };
                    old = Map.of(field, item.fields.get(field));
                    now = Map.of(field, value);
                    item.fields.put(field, value);
                } else {
                    action = item.closed ? "reopen" : "close";
                    item.closed = !item.closed;
                }
            } else {
                item = store.any("comment", random);
                if (item == null || roll < 0.45) {
                    item = newComment(random);
                    action = "post";
                    now = item.fields;
                } else if (roll < 0.85) {
                    action = "update";
                    String text = Names.note(random);
                    old = Map.of("text", item.fields.get("text"));
                    now = Map.of("text", text);
                    item.fields.put("text", text);
                } else {
                    action = "delete";
                    item.deleted = true;
                }
            }
            Malformation malformation = malformed ? Malformation.WORKSECTION_NO_DATE_ADDED : null;
            List<TruthEntry> out = new ArrayList<>(2);
            long userId = actor.worksectionUserId();
            if (action.equals("update") && settings.identicalRecords() && random.nextDouble() < settings.identicalRate()) {
                // The same person saving the same value twice within one minute: identical records.
                long first = Math.max(at - Math.floorMod(at, 60_000L), at - (1 + random.nextInt(20)) * 1000L);
                out.add(commit(first, action, item, userId, now, old, malformation));
            }
            out.add(commit(at, action, item, userId, now, old, malformation));
            return out;
        } finally {
            store.writeLock().unlock();
        }
    }

    private WorksectionStore.Item newTask(Random random, long at) {
        WorksectionStore.Item project = store.any("project", random);
        WorksectionStore.Item task = store.newItem("task", project.id, 0);
        task.fields.put("name", Names.title(random));
        task.fields.put("date_end", date(at, 7 + random.nextInt(60)));
        task.fields.put("priority", Integer.toString(1 + random.nextInt(10)));
        return task;
    }

    private WorksectionStore.Item newComment(Random random) {
        WorksectionStore.Item task = store.any("task", random);
        WorksectionStore.Item comment = store.newItem("comment", task.projectId, task.id);
        comment.fields.put("text", Names.note(random));
        return comment;
    }

    private static String date(long at, int plusDays) {
        return LocalDate.ofEpochDay(Math.floorDiv(at, 86_400_000L) + plusDays).toString();
    }

    private TruthEntry commit(long at, String action, WorksectionStore.Item item, long userId,
                              Map<String, String> now, Map<String, String> old, Malformation malformed) {
        long taskId = item.type.equals("task") ? item.id : item.taskId;
        return commit(new WorksectionRecord(nextChangeId(), at, action, item.type, item.id,
                item.projectId, taskId, userId, frozen(now), frozen(old), malformed));
    }

    /** An immutable copy that keeps field order (Map.copyOf's order changes from run to run). */
    static Map<String, String> frozen(Map<String, String> fields) {
        if (fields == null) {
            return null;
        }
        if (fields.size() == 1) {
            Map.Entry<String, String> only = fields.entrySet().iterator().next();
            return Map.of(only.getKey(), only.getValue());
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Records one record as one change; the caller holds the store's write lock. */
    TruthEntry commit(WorksectionRecord record) {
        store.record(record);
        logChange(record);
        return truth(record);
    }

    /** Widened so {@link WorksectionInjection}, which builds whole records, can number them. */
    @Override
    protected long nextChangeId() {
        return super.nextChangeId();
    }

    WorksectionStore store() {
        return store;
    }

    @Override
    protected TruthEntry truth(WorksectionRecord r) {
        Instant at = Instant.ofEpochMilli(r.at());
        return new TruthEntry(Api.WORKSECTION, r.changeId(), List.of(), at, at, r.action(), r.objectType(),
                Long.toString(r.objectId()), Long.toString(r.userId()), Long.toString(r.projectId()), r.malformed());
    }
}
