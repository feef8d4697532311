package io.activitygateway.model;

/** Who made the change; every part may be unknown. */
public record Actor(String id, String name, String email) {

    public static final Actor UNKNOWN = new Actor(null, null, null);
}
