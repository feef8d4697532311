package io.activitygateway.sandbox.kantata;

import io.activitygateway.sandbox.fault.Malformation;
import java.util.List;

/**
 * One change as it happened. A duplicate is the same change served under a second event id; both events point
 * here, which is what makes them identical except for {@code created_at}.
 *
 * @param duplicateEventId 0 when the change was emitted once
 * @param visibleAt        when the first of its events becomes visible (epoch millis)
 */
public record KantataChange(long changeId, String eventType, String subjectType, long subjectId, long workspaceId,
                            long userId, long changedAt, List<FieldChange> payloadChanges, long eventId,
                            long duplicateEventId, long visibleAt, Malformation malformed) {
}
