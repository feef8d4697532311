package io.activitygateway.sandbox.onehub;

import io.activitygateway.sandbox.fault.Malformation;

/**
 * One Onehub event (= one change). Names are captured as they were at the time (shared strings, so a million
 * events stay small); {@code detail} is rendered from these parts when served.
 *
 * @param at           epoch millis, whole seconds
 * @param target       what was acted on
 * @param targetId     file or folder id, 0 for an invitation
 * @param targetName   file or folder name, or the invited email
 * @param targetLinked false once the target is gone (deleted): rendered without a link
 * @param folderId     the folder the target sits in, 0 for the workspace root
 * @param placeName    that folder's name, or the workspace's
 * @param sizeBytes    file size for the complement, 0 when none
 * @param formerName   the previous name for a rename, else null
 */
public record OnehubEvent(long id, long changeId, long at, Verb verb, long actorId, long workspaceId, Target target,
                          long targetId, String targetName, boolean targetLinked, long folderId, String placeName,
                          long sizeBytes, String formerName, Malformation malformed) {

    public enum Target {
        FILE,
        FOLDER,
        INVITATION
    }
}
