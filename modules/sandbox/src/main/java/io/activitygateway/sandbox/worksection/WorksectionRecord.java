package io.activitygateway.sandbox.worksection;

import io.activitygateway.sandbox.fault.Malformation;
import java.util.Map;

/**
 * One emitted Worksection record (= one change; Worksection gives it no id). {@code at} is the exact moment in
 * epoch millis; the API shows only its minute. {@code taskId} is 0 for a project record.
 * {@code newValues}/{@code oldValues} are null when the record has no {@code new}/{@code old}.
 */
public record WorksectionRecord(long changeId, long at, String action, String objectType, long objectId,
                                long projectId, long taskId, long userId, Map<String, String> newValues,
                                Map<String, String> oldValues, Malformation malformed) {

    /** {@code object.page}: a project's own page, or the task page for a task or a comment. */
    public String page() {
        return taskId == 0 ? "/project/" + projectId + "/" : "/project/" + projectId + "/" + taskId + "/";
    }
}
