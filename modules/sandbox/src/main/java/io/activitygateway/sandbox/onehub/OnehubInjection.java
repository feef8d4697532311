package io.activitygateway.sandbox.onehub;

import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.fault.Malformation;
import io.activitygateway.sandbox.truth.TruthEntry;
import java.time.Instant;
import java.util.Objects;

/**
 * An exact Onehub event for a test. Unset parts default to: the file's workspace (else the first workspace), the
 * first existing file there, the first person, now (whole seconds). {@code create} makes a folder named
 * {@link #name}; {@code upload} without {@link #file} makes a new file; {@code update} with {@link #name} renames;
 * {@code delete} removes the file (its later mentions have no link); {@code invite} names {@link #email}.
 */
public final class OnehubInjection {

    private final OnehubSimulator simulator;
    private final Verb verb;
    private Long actorId;
    private Long workspaceId;
    private Long fileId;
    private Long folderId;
    private String name;
    private Long size;
    private String email;
    private Instant at;
    private Malformation malformed;

    OnehubInjection(OnehubSimulator simulator, Verb verb) {
        this.simulator = simulator;
        this.verb = Objects.requireNonNull(verb, "verb");
    }

    public OnehubInjection actor(long onehubUserId) {
        this.actorId = onehubUserId;
        return this;
    }

    public OnehubInjection workspace(long workspaceId) {
        this.workspaceId = workspaceId;
        return this;
    }

    public OnehubInjection file(long fileId) {
        this.fileId = fileId;
        return this;
    }

    /** The folder a new file or folder goes into (default: the workspace root). */
    public OnehubInjection folder(long folderId) {
        this.folderId = folderId;
        return this;
    }

    /** The new folder's or file's name, or the new name of a renamed file. */
    public OnehubInjection name(String name) {
        this.name = name;
        return this;
    }

    public OnehubInjection size(long bytes) {
        this.size = bytes;
        return this;
    }

    public OnehubInjection email(String email) {
        this.email = email;
        return this;
    }

    public OnehubInjection at(Instant at) {
        this.at = at;
        return this;
    }

    public OnehubInjection malformed(Malformation malformation) {
        if (malformation != null && malformation.api() != Api.ONEHUB) {
            throw new IllegalArgumentException(malformation + " is not an Onehub malformation");
        }
        this.malformed = malformation;
        return this;
    }

    public TruthEntry emit() {
        OnehubStore store = simulator.store();
        store.writeLock().lock();
        try {
            OnehubStore.File file = fileId == null ? null : store.file(fileId);
            if (fileId != null && file == null && verb != Verb.UPLOAD) {
                throw new IllegalArgumentException("no Onehub file " + fileId);
            }
            long ws = workspaceId != null ? workspaceId : file != null ? file.workspaceId : store.workspaces().get(0).id;
            OnehubStore.Workspace workspace = store.workspace(ws);
            if (workspace == null) {
                throw new IllegalArgumentException("no Onehub workspace " + ws);
            }
            OnehubStore.Folder folder = folderId == null ? null : store.folder(folderId);
            long when = at != null ? at.toEpochMilli() : simulator.clock().millis();
            when -= Math.floorMod(when, 1000);
            long actor = actorId != null ? actorId : simulator.world().person(0).onehubUserId();
            switch (verb) {
                case CREATE -> {
                    OnehubStore.Folder created = store.addFolder(workspace, name != null ? name : "New folder");
                    return simulator.commit(when, verb, actor, workspace, OnehubEvent.Target.FOLDER, created.id(),
                            created.name(), true, folder, 0, null, malformed);
                }
                case INVITE -> {
                    return simulator.commit(when, verb, actor, workspace, OnehubEvent.Target.INVITATION, 0,
                            email != null ? email : "guest@example.org", false, null, 0, null, malformed);
                }
                default -> {
                    if (file == null && verb == Verb.UPLOAD) {
                        file = store.addFile(workspace, folder, name != null ? name : "report.pdf",
                                size != null ? size : 7 * 1024);
                    } else if (file == null) {
                        file = workspace.files.stream().filter(f -> !f.deleted).findFirst()
                                .orElseThrow(() -> new IllegalStateException("no file left in workspace " + ws));
                    }
                    String former = null;
                    if (verb == Verb.UPDATE && name != null) {
                        former = file.name;
                        file.name = name;
                    } else if (size != null) {
                        file.size = size;
                    }
                    if (verb == Verb.DELETE) {
                        file.deleted = true;
                    }
                    return simulator.fileEvent(when, verb, actor, file, former, malformed);
                }
            }
        } finally {
            store.writeLock().unlock();
        }
    }
}
