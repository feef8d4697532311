package io.activitygateway.sandbox.kantata;

import java.util.Optional;

/** The subject types the generator produces events for, with their event prefix and side-load key. */
public enum SubjectType {
    WORKSPACE("Workspace", "workspace", "workspaces"),
    STORY("Story", "story", "stories"),
    TIME_ENTRY("TimeEntry", "time_entry", "time_entries"),
    EXPENSE("Expense", "expense", "expenses");

    private final String className;
    private final String eventPrefix;
    private final String sideLoadKey;

    SubjectType(String className, String eventPrefix, String sideLoadKey) {
        this.className = className;
        this.eventPrefix = eventPrefix;
        this.sideLoadKey = sideLoadKey;
    }

    /** The {@code subject_type} value, e.g. {@code TimeEntry}. */
    public String className() {
        return className;
    }

    public String eventType(String verb) {
        return eventPrefix + ":" + verb;
    }

    /** The {@code subject_ref.key} and side-load key, e.g. {@code time_entries}. */
    public String sideLoadKey() {
        return sideLoadKey;
    }

    /** The subject type an event type such as {@code time_entry:updated} is about. */
    public static Optional<SubjectType> ofEventType(String eventType) {
        int colon = eventType.indexOf(':');
        String prefix = colon < 0 ? eventType : eventType.substring(0, colon);
        for (SubjectType type : values()) {
            if (type.eventPrefix.equals(prefix)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public static Optional<SubjectType> ofClassName(String className) {
        for (SubjectType type : values()) {
            if (type.className.equals(className)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
