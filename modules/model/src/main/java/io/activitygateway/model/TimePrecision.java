package io.activitygateway.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How exact {@code occurredAt} is: Worksection only knows the minute, the others the second. */
public enum TimePrecision {
    SECOND, MINUTE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
