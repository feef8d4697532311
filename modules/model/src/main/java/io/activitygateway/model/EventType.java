package io.activitygateway.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The normalized action vocabulary every source maps onto; {@code OTHER} keeps unknown actions visible. */
public enum EventType {
    CREATED, UPDATED, DELETED, CLOSED, REOPENED, VIEWED, DOWNLOADED, UPLOADED, INVITED, OTHER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type whose wire name is {@code value}, if any (case-sensitive: the API documents lower case). */
    public static Optional<EventType> fromWireName(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst();
    }

    @JsonCreator
    static EventType parse(String value) {
        return fromWireName(value).orElseThrow(() -> new IllegalArgumentException("unknown event type: " + value));
    }
}
