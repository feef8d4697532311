package io.activitygateway.spi;

import io.activitygateway.model.EventIds;
import java.util.Objects;

/**
 * An upstream record that could not be read as it should: set aside (no event), or stored with what could be
 * read. Either way the reason is kept and visible through the API, and the rest of the page goes on. Report it
 * every time it is read: the gateway keeps each distinct record once per connection (by its {@link #fingerprint()}),
 * so re-reads within a lookback do not pile up.
 *
 * @param reason      why, in words an operator can act on
 * @param raw         the record as received (text), so nothing is lost
 * @param eventStored true when an event was still stored from what could be read
 * @param recordId    the vendor's id of the record, when it has one it could be read by; else null
 */
public record RecordProblem(String reason, String raw, boolean eventStored, String recordId) {

    public RecordProblem {
        Objects.requireNonNull(reason, "reason");
        raw = raw == null ? "" : raw;
        recordId = recordId == null || recordId.isEmpty() ? null : recordId;
    }

    /**
     * What makes two reports the same problem: the vendor's id of the record when it has one (a record re-read after
     * its subject changed, e.g. Kantata's {@code subject_ref} turned null by a deletion, is still one record), else
     * the raw record, or the reason when there is no raw text.
     */
    public String fingerprint() {
        return EventIds.fingerprint(recordId != null ? "record-id:" + recordId : raw.isEmpty() ? reason : raw);
    }

    public static RecordProblem setAside(String reason, String raw) {
        return new RecordProblem(reason, raw, false, null);
    }

    public static RecordProblem storedPartially(String reason, String raw) {
        return new RecordProblem(reason, raw, true, null);
    }

    /** The same problem, known by the vendor's id of its record. */
    public RecordProblem ofRecord(String id) {
        return new RecordProblem(reason, raw, eventStored, id);
    }
}
