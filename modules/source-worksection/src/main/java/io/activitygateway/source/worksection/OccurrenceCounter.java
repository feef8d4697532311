package io.activitygateway.source.worksection;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the records of one response that share a fingerprint: 0, 1, 2... Identical records cannot be told
 * apart, so only their count matters, and a read holds either all of them or a part: the newest minute may still
 * be filling and the oldest may be cut by the window's start. A part gets the indexes 0..k-1, which a fuller
 * read also gives, so a re-read never makes a new key for a record already stored and the key {@code
 * fingerprint#index} is stable.
 */
final class OccurrenceCounter {

    private final Map<String, Integer> seen = new HashMap<>();

    /** The key of the next record with this fingerprint. */
    String next(String fingerprint) {
        int index = seen.merge(fingerprint, 1, Integer::sum) - 1;
        return fingerprint + "#" + index;
    }
}
