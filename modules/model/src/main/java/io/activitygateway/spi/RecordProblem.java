package io.activitygateway.spi;

import java.util.Objects;

/**
 * An upstream record that could not be read as it should: set aside (no event), or stored with what could be
 * read. Either way the reason is kept and visible through the API, and the rest of the page goes on.
 *
 * @param reason      why, in words an operator can act on
 * @param raw         the record as received (text), so nothing is lost
 * @param eventStored true when an event was still stored from what could be read
 */
public record RecordProblem(String reason, String raw, boolean eventStored) {

    public RecordProblem {
        Objects.requireNonNull(reason, "reason");
        raw = raw == null ? "" : raw;
    }

    public static RecordProblem setAside(String reason, String raw) {
        return new RecordProblem(reason, raw, false);
    }

    public static RecordProblem storedPartially(String reason, String raw) {
        return new RecordProblem(reason, raw, true);
    }
}
