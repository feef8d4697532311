package io.activitygateway.sandbox.onehub;

/** A user's role in one Onehub workspace, strongest first. */
public enum Role {
    ADMINISTRATOR,
    MODERATOR,
    COLLABORATOR,
    DOWNLOADER,
    VIEWER;

    /** The audit trail is "only available to users with a role of Moderator or above". */
    public boolean atLeastModerator() {
        return this == ADMINISTRATOR || this == MODERATOR;
    }
}
