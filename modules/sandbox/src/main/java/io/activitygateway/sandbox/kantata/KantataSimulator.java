package io.activitygateway.sandbox.kantata;

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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Kantata OX's Subscribed Events API: its account's subjects, the events about them, and their ground truth. */
public final class KantataSimulator extends Simulator<KantataChange> {

    private static final List<String> STATUSES = List.of("in_progress", "on_hold", "completed", "cancelled");
    private static final List<String> STATES = List.of("not_started", "started", "completed", "blocked");
    private static final List<String> CATEGORIES = List.of("Travel", "Meals", "Software", "Hotel", "Mileage");

    private final KantataSettings settings;
    private final KantataStore store;
    private final KantataApi api;

    public KantataSimulator(World world, Clock clock, long seed, AtomicLong changeIds, KantataSettings settings) {
        super(world, clock, changeIds);
        this.settings = settings;
        Random random = new Random(seed ^ 0x4b616e74L);
        this.store = new KantataStore(10_000_000L + random.nextInt(1_000_000) * 10L);
        this.api = new KantataApi(store, settings, clock, traffic());
        seedCatalog(random, clock.millis());
    }

    private void seedCatalog(Random random, long now) {
        store.writeLock().lock();
        try {
            for (int i = 0; i < 4; i++) {
                KantataSubject workspace = store.newSubject(SubjectType.WORKSPACE, 0);
                workspace.attributes.putAll(attributes(SubjectType.WORKSPACE, workspace, random, now, world().person(i % 2)));
                if (i == 0) {
                    workspace.attributes.put("title", Names.TRICKY);
                }
            }
            int[] counts = {8, 16, 6};
            SubjectType[] types = {SubjectType.STORY, SubjectType.TIME_ENTRY, SubjectType.EXPENSE};
            for (int t = 0; t < types.length; t++) {
                for (int i = 0; i < counts[t]; i++) {
                    create(types[t], random, now, world().person(random.nextInt(world().people().size())));
                }
            }
        } finally {
            store.writeLock().unlock();
        }
    }

    public KantataSettings settings() {
        return settings;
    }

    public ApiHandler handler() {
        return api;
    }

    /** Ids of the subjects of {@code type} that currently exist, for tests that inject about real subjects. */
    public List<Long> subjectIds(SubjectType type) {
        return store.liveIds(type);
    }

    /** Starts an exact event for {@code eventType} (e.g. {@code time_entry:updated}); see {@link KantataInjection}. */
    public KantataInjection inject(String eventType) {
        return new KantataInjection(this, eventType);
    }

    // ---- generation ----

    /**
     * Emits one realistic change at {@code at} (epoch millis, becomes {@code created_at}; the change itself
     * happened up to 30 s earlier), by {@code actor}.
     */
    public TruthEntry emitRandom(Random random, long at, Person actor, boolean malformed) {
        store.writeLock().lock();
        try {
            long createdAt = at - Math.floorMod(at, 1000);
            long changedAt = createdAt - random.nextInt(31) * 1000L;
            SubjectType type = pickType(random);
            double roll = random.nextDouble();
            KantataSubject subject = store.anyLive(type, random);
            String verb;
            List<FieldChange> changes = new ArrayList<>();
            if (subject == null || roll < 0.15 || (type == SubjectType.WORKSPACE && store.liveCount(type) < 3)) {
                subject = create(type, random, changedAt, actor);
                verb = "created";
                subject.attributes.forEach((k, v) -> changes.add(new FieldChange(k, null, v)));
            } else if (roll < 0.93 || (type == SubjectType.WORKSPACE && store.liveCount(type) < 6)) {
                verb = "updated";
                List<String> fields = updatable(type);
                String field = fields.get(random.nextInt(fields.size()));
                Object before = subject.attributes.get(field);
                Object after = newValue(field, before, random, changedAt);
                subject.attributes.put(field, after);
                changes.add(new FieldChange(field, before, after));
            } else {
                verb = "deleted";
                subject.attributes.forEach((k, v) -> changes.add(new FieldChange(k, v, null)));
                store.delete(subject, changedAt);
            }
            long visibleAt = createdAt + lateness(random);
            long duplicateAt = 0;
            long duplicateVisibleAt = 0;
            if (settings.duplicates() && random.nextDouble() < settings.duplicateRate()) {
                duplicateAt = createdAt + (1 + random.nextInt(90)) * 1000L;
                duplicateVisibleAt = duplicateAt + lateness(random);
            }
            Malformation malformation = !malformed ? null
                    : random.nextBoolean() ? Malformation.KANTATA_CREATED_AT_NOT_A_TIME : Malformation.KANTATA_NO_EVENT_TYPE;
            return commit(type.eventType(verb), type.className(), subject.id, subject.workspaceId,
                    actor.kantataUserId(), changedAt, changes, createdAt, visibleAt, duplicateAt, duplicateVisibleAt,
                    malformation);
        } finally {
            store.writeLock().unlock();
        }
    }

    private static SubjectType pickType(Random random) {
        double r = random.nextDouble();
        return r < 0.4 ? SubjectType.TIME_ENTRY : r < 0.65 ? SubjectType.STORY
                : r < 0.82 ? SubjectType.EXPENSE : SubjectType.WORKSPACE;
    }

    private long lateness(Random random) {
        if (!settings.lateness()) {
            return 0;
        }
        long max = settings.maxLateness().toMillis();
        double r = random.nextDouble();
        long delay = r < 0.6 ? random.nextInt(20_000)
                : r < 0.9 ? 20_000 + random.nextInt(100_000)
                : 120_000 + (long) (random.nextDouble() * Math.max(0, max - 120_000));
        return Math.min(delay, max);
    }

    private KantataSubject create(SubjectType type, Random random, long at, Person actor) {
        KantataSubject parent = type == SubjectType.WORKSPACE ? null : store.anyLive(SubjectType.WORKSPACE, random);
        if (type != SubjectType.WORKSPACE && parent == null) {
            type = SubjectType.WORKSPACE;
        }
        KantataSubject subject = store.newSubject(type, parent == null ? 0 : parent.id);
        subject.attributes.putAll(attributes(type, subject, random, at, actor));
        return subject;
    }

    private Map<String, Object> attributes(SubjectType type, KantataSubject subject, Random random, long at, Person actor) {
        String workspaceId = Long.toString(subject.workspaceId);
        return switch (type) {
            case WORKSPACE -> ordered("title", Names.title(random), "status", "in_progress",
                    "due_date", date(at, 30 + random.nextInt(90)), "budgeted", random.nextBoolean());
            case STORY -> ordered("title", Names.title(random), "state", "not_started",
                    "due_date", date(at, 7 + random.nextInt(60)), "workspace_id", workspaceId);
            case TIME_ENTRY -> {
                KantataSubject story = store.anyLive(SubjectType.STORY, random);
                yield ordered("notes", Names.note(random), "time_in_minutes", 15L * (1 + random.nextInt(32)),
                        "date_performed", date(at, -random.nextInt(3)), "billable", random.nextBoolean(),
                        "workspace_id", workspaceId, "story_id", story == null ? null : Long.toString(story.id),
                        "user_id", Long.toString(actor.kantataUserId()));
            }
            case EXPENSE -> ordered("notes", Names.note(random), "amount_in_cents", 100L + random.nextInt(50_000),
                    "category", Names.pick(random, CATEGORIES), "date", date(at, -random.nextInt(5)),
                    "workspace_id", workspaceId, "user_id", Long.toString(actor.kantataUserId()));
        };
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static List<String> updatable(SubjectType type) {
        return switch (type) {
            case WORKSPACE -> List.of("title", "status", "due_date");
            case STORY -> List.of("title", "state", "due_date");
            case TIME_ENTRY -> List.of("time_in_minutes", "notes", "billable");
            case EXPENSE -> List.of("amount_in_cents", "notes", "category");
        };
    }

    private static Object newValue(String field, Object before, Random random, long at) {
        for (int attempt = 0; ; attempt++) {
            Object value = switch (field) {
                case "title" -> Names.title(random);
                case "status" -> Names.pick(random, STATUSES);
                case "state" -> Names.pick(random, STATES);
                case "due_date" -> date(at, random.nextInt(120));
                case "time_in_minutes" -> 15L * (1 + random.nextInt(32));
                case "notes" -> Names.note(random);
                case "billable" -> !(before instanceof Boolean b && b);
                case "amount_in_cents" -> 100L + random.nextInt(50_000);
                case "category" -> Names.pick(random, CATEGORIES);
                default -> throw new IllegalArgumentException(field);
            };
            if (!value.equals(before) || attempt > 5) {
                return value;
            }
        }
    }

    private static String date(long at, int plusDays) {
        return LocalDate.ofEpochDay(Math.floorDiv(at, 86_400_000L) + plusDays).toString();
    }

    // ---- recording (shared by generation and injection) ----

    /** Records a change and its one or two events; the caller holds the store's write lock. */
    TruthEntry commit(String eventType, String subjectType, long subjectId, long workspaceId, long userId,
                      long changedAt, List<FieldChange> changes, long createdAt, long visibleAt, long duplicateAt,
                      long duplicateVisibleAt, Malformation malformed) {
        long eventId = store.nextEventId();
        long duplicateId = duplicateAt == 0 ? 0 : eventId + 1;
        long firstVisible = duplicateAt == 0 ? visibleAt : Math.min(visibleAt, duplicateVisibleAt);
        KantataChange change = new KantataChange(nextChangeId(), eventType, subjectType, subjectId,
                workspaceId, userId, changedAt, List.copyOf(changes), eventId, duplicateId, firstVisible, malformed);
        List<KantataEvent> events = new ArrayList<>(2);
        events.add(new KantataEvent(eventId, change, createdAt, visibleAt));
        if (duplicateId != 0) {
            events.add(new KantataEvent(duplicateId, change, duplicateAt, duplicateVisibleAt));
        }
        store.record(events);
        logChange(change);
        return truth(change);
    }

    KantataStore store() {
        return store;
    }

    @Override
    protected TruthEntry truth(KantataChange c) {
        List<String> ids = c.duplicateEventId() == 0 ? List.of(Long.toString(c.eventId()))
                : List.of(Long.toString(c.eventId()), Long.toString(c.duplicateEventId()));
        return new TruthEntry(Api.KANTATA, c.changeId(), ids, Instant.ofEpochMilli(c.changedAt()),
                Instant.ofEpochMilli(c.visibleAt()), c.eventType(), c.subjectType(), Long.toString(c.subjectId()),
                Long.toString(c.userId()), Long.toString(c.workspaceId()), c.malformed());
    }
}
