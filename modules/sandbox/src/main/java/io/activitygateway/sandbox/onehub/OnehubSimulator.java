package io.activitygateway.sandbox.onehub;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Onehub's activity and audit trail. Each person has a token, a time zone and a role per workspace: the first
 * person administers every workspace; the second moderates the first workspace and only views the second.
 */
public final class OnehubSimulator extends Simulator<OnehubEvent> {

    private static final List<Role> MEMBER_ROLES = List.of(Role.MODERATOR, Role.COLLABORATOR, Role.DOWNLOADER, Role.VIEWER);

    private final OnehubStore store;
    private final OnehubApi api;
    private final Map<String, Person> tokens = new LinkedHashMap<>();

    public OnehubSimulator(World world, Clock clock, long seed, AtomicLong changeIds) {
        super(world, clock, changeIds);
        Random random = new Random(seed ^ 0x4f6e6568L);
        this.store = new OnehubStore(5_060_000L + random.nextInt(10_000) * 10L);
        for (Person person : world.people()) {
            tokens.put(token(person), person);
        }
        seedCatalog(random);
        this.api = new OnehubApi(store, world, tokens, clock, traffic());
    }

    /** The bearer token of {@code person}: {@code onehub-token-<onehub user id>}. */
    public static String token(Person person) {
        return "onehub-token-" + person.onehubUserId();
    }

    private void seedCatalog(Random random) {
        store.writeLock().lock();
        try {
            long workspaceId = 4_137;
            for (int w = 0; w < 4; w++) {
                OnehubStore.Workspace workspace = store.addWorkspace(workspaceId + w * 11L,
                        w == 0 ? Names.TRICKY : Names.title(random));
                for (Person person : world().people()) {
                    Role role = roleFor(person.index(), w, random);
                    if (role != null) {
                        workspace.roles.put(person.onehubUserId(), role);
                    }
                }
                for (int f = 0; f < 2; f++) {
                    store.addFolder(workspace, Names.title(random));
                }
                for (int f = 0; f < 5; f++) {
                    OnehubStore.Folder folder = random.nextBoolean() ? null : Names.pick(random, workspace.folders);
                    store.addFile(workspace, folder, Names.fileName(random), 200 + random.nextInt(3_000_000));
                }
            }
            for (Person person : world().people()) {
                if (store.workspaces().stream().noneMatch(w -> w.roles.containsKey(person.onehubUserId()))) {
                    store.workspaces().get(2).roles.put(person.onehubUserId(), Role.COLLABORATOR);
                }
            }
        } finally {
            store.writeLock().unlock();
        }
    }

    private static Role roleFor(int personIndex, int workspaceIndex, Random random) {
        if (personIndex == 0) {
            return Role.ADMINISTRATOR;
        }
        if (personIndex == 1) {
            return workspaceIndex == 0 ? Role.MODERATOR : workspaceIndex == 1 ? Role.VIEWER : null;
        }
        return random.nextDouble() < 0.6 ? Names.pick(random, MEMBER_ROLES) : null;
    }

    public ApiHandler handler() {
        return api;
    }

    /** Every token with the person it signs in as, in world order. */
    public Map<String, Person> tokens() {
        return Map.copyOf(tokens);
    }

    public List<Long> workspaceIds() {
        return read(() -> store.workspaces().stream().map(w -> w.id).toList());
    }

    public Optional<Role> role(Person person, long workspaceId) {
        return read(() -> {
            OnehubStore.Workspace workspace = store.workspace(workspaceId);
            return Optional.ofNullable(workspace == null ? null : workspace.roles.get(person.onehubUserId()));
        });
    }

    /** Ids of the files of {@code workspaceId} that still exist. */
    public List<Long> fileIds(long workspaceId) {
        return read(() -> store.workspace(workspaceId).files.stream().filter(f -> !f.deleted).map(f -> f.id).toList());
    }

    private <T> T read(java.util.function.Supplier<T> reading) {
        store.readLock().lock();
        try {
            return reading.get();
        } finally {
            store.readLock().unlock();
        }
    }

    /** Starts an exact event; see {@link OnehubInjection}. */
    public OnehubInjection inject(Verb verb) {
        return new OnehubInjection(this, verb);
    }

    // ---- generation ----

    /** Emits one realistic event at {@code at} by {@code actor}, in a workspace the actor belongs to. */
    public TruthEntry emitRandom(Random random, long at, Person actor, boolean malformed) {
        store.writeLock().lock();
        try {
            long when = at - Math.floorMod(at, 1000);
            List<OnehubStore.Workspace> mine = store.workspaces().stream()
                    .filter(w -> w.roles.containsKey(actor.onehubUserId())).toList();
            OnehubStore.Workspace workspace = mine.get(random.nextInt(mine.size()));
            double roll = random.nextDouble();
            OnehubStore.File file = store.anyFile(workspace, random);
            Malformation malformation = malformed ? Malformation.ONEHUB_GARBAGE_DETAIL : null;
            long user = actor.onehubUserId();
            if (roll < 0.07) {
                OnehubStore.Folder folder = store.addFolder(workspace, Names.title(random));
                return commit(when, Verb.CREATE, user, workspace, OnehubEvent.Target.FOLDER, folder.id(), folder.name(),
                        true, null, 0, null, malformation);
            }
            if (roll < 0.12) {
                String email = "o'neil+" + (1 + random.nextInt(999)) + "@example.org";
                return commit(when, Verb.INVITE, user, workspace, OnehubEvent.Target.INVITATION, 0, email, false,
                        null, 0, null, malformation);
            }
            if (file == null || roll < 0.30) {
                OnehubStore.Folder folder = random.nextBoolean() || workspace.folders.isEmpty() ? null
                        : Names.pick(random, workspace.folders);
                file = store.addFile(workspace, folder, Names.fileName(random), 200 + random.nextInt(3_000_000));
                return fileEvent(when, Verb.UPLOAD, user, file, null, malformation);
            }
            if (roll < 0.60) {
                return fileEvent(when, Verb.READ, user, file, null, malformation);
            }
            if (roll < 0.80) {
                return fileEvent(when, Verb.DOWNLOAD, user, file, null, malformation);
            }
            if (roll < 0.92) {
                if (random.nextBoolean()) {
                    String former = file.name;
                    file.name = Names.fileName(random);
                    return fileEvent(when, Verb.UPDATE, user, file, former, malformation);
                }
                file.size = 200 + random.nextInt(3_000_000);
                return fileEvent(when, Verb.UPDATE, user, file, null, malformation);
            }
            file.deleted = true;
            return fileEvent(when, Verb.DELETE, user, file, null, malformation);
        } finally {
            store.writeLock().unlock();
        }
    }

    /** An event about a file; a delete renders the file without a link. The caller holds the write lock. */
    TruthEntry fileEvent(long at, Verb verb, long actorId, OnehubStore.File file, String formerName,
                         Malformation malformed) {
        OnehubStore.Workspace workspace = store.workspace(file.workspaceId);
        boolean sized = verb != Verb.DELETE && formerName == null;
        return commit(at, verb, actorId, workspace, OnehubEvent.Target.FILE, file.id, file.name, verb != Verb.DELETE,
                file.folder, sized ? file.size : 0, formerName, malformed);
    }

    TruthEntry commit(long at, Verb verb, long actorId, OnehubStore.Workspace workspace, OnehubEvent.Target target,
                      long targetId, String targetName, boolean linked, OnehubStore.Folder folder, long size,
                      String formerName, Malformation malformed) {
        OnehubEvent event = new OnehubEvent(store.nextEventId(), nextChangeId(), at, verb, actorId,
                workspace.id, target, targetId, targetName, linked, folder == null ? 0 : folder.id(),
                folder == null ? workspace.name : folder.name(), size, formerName, malformed);
        store.record(event);
        logChange(event);
        return truth(event);
    }

    OnehubStore store() {
        return store;
    }

    @Override
    protected TruthEntry truth(OnehubEvent e) {
        Instant at = Instant.ofEpochMilli(e.at());
        String objectId = e.target() == OnehubEvent.Target.INVITATION ? e.targetName() : Long.toString(e.targetId());
        return new TruthEntry(Api.ONEHUB, e.changeId(), List.of(Long.toString(e.id())), at, at, e.verb().id(),
                e.target().name().toLowerCase(java.util.Locale.ROOT), objectId, Long.toString(e.actorId()),
                Long.toString(e.workspaceId()), e.malformed());
    }

    /** For the world listing: workspaces with names and roles, folders and live files. */
    public List<Map<String, Object>> describeWorkspaces() {
        return read(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (OnehubStore.Workspace w : store.workspaces()) {
                Map<String, Object> roles = new LinkedHashMap<>();
                w.roles.forEach((user, role) -> roles.put(Long.toString(user), role.name().toLowerCase(java.util.Locale.ROOT)));
                Map<String, Object> workspace = new LinkedHashMap<>();
                workspace.put("id", w.id);
                workspace.put("name", w.name);
                workspace.put("roles", roles);
                workspace.put("folders", w.folders.stream().map(f -> f.id()).toList());
                workspace.put("files", w.files.stream().filter(f -> !f.deleted).map(f -> f.id).toList());
                out.add(workspace);
            }
            return out;
        });
    }
}
