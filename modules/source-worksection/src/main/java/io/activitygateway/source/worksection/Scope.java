package io.activitygateway.source.worksection;

/**
 * What one {@code get_events} request covers: the whole account, or one project ({@code id_project}) when
 * {@code project-ids} is set.
 *
 * @param projectId null for the whole account
 */
record Scope(Long projectId) {

    static final Scope ACCOUNT = new Scope(null);

    static Scope project(long id) {
        return new Scope(id);
    }

    boolean isAccount() {
        return projectId == null;
    }

    /** Its name in the checkpoint and in messages. */
    String key() {
        return isAccount() ? "account" : "project:" + projectId;
    }
}
