package io.activitygateway.sandbox.kantata;

/** One served event: the change it carries, its own creation time and when it becomes visible (epoch millis). */
public record KantataEvent(long id, KantataChange change, long createdAt, long visibleAt) {
}
