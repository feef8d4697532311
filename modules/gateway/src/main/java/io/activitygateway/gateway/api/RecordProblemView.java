package io.activitygateway.gateway.api;

import io.activitygateway.gateway.store.RecordProblemEntity;
import java.time.Instant;

/**
 * An upstream record the adapter could not (fully) read.
 *
 * @param eventStored true when an event was still stored from what could be read
 * @param occurrences how many identical copies of the record the source served (at most, in one read)
 */
public record RecordProblemView(String fingerprint, String reason, boolean eventStored, Instant firstSeenAt,
        int occurrences, String raw) {

    static RecordProblemView of(RecordProblemEntity p) {
        return new RecordProblemView(p.key.fingerprint(), p.reason, p.eventStored, p.firstSeenAt, p.occurrences,
                p.raw);
    }
}
