package io.activitygateway.source.onehub;

import io.activitygateway.model.EventIds;
import io.activitygateway.spi.RecordProblem;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record problems this adapter has already committed. Every poll re-reads its lookback, so without this a
 * malformed record would be reported again on every poll while it stays in reach (events are deduplicated by
 * key, problems have none). Kept in memory: after a restart a problem may be reported once more.
 */
final class ReportedProblems {

    private static final int REMEMBERED = 10_000;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The problems not committed before (nor repeated within {@code problems}). */
    List<RecordProblem> unseen(List<RecordProblem> problems) {
        return problems.stream().filter(p -> !seen.containsKey(fingerprint(p))).distinct().toList();
    }

    /** Call once they are committed: a problem lost to a failed commit must be reported again. */
    void remember(Collection<RecordProblem> committed) {
        committed.forEach(p -> seen.put(fingerprint(p), Boolean.TRUE));
    }

    private static String fingerprint(RecordProblem p) {
        return EventIds.fingerprint(p.reason() + '\u0000' + p.raw());
    }
}
