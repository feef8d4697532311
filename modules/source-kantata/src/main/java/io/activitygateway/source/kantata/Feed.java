package io.activitygateway.source.kantata;

import java.util.List;

/**
 * One sequence of requests with its own cursor: all subject types, or a single one. Kantata's
 * {@code subject_type} filter takes one value, so several configured subject types are several feeds.
 *
 * @param subjectType the upstream filter, or null for every subject type
 */
record Feed(String subjectType) {

    static final String ALL = "all";

    /** The feeds a connection reads, in a stable order. */
    static List<Feed> of(List<String> subjectTypes) {
        if (subjectTypes.isEmpty()) {
            return List.of(new Feed(null));
        }
        return subjectTypes.stream().map(Feed::new).toList();
    }

    /** Names this feed's cursor in the checkpoint; a subject type cannot be spelled {@code all}. */
    String key() {
        return subjectType == null ? ALL : subjectType;
    }

    String describe() {
        return subjectType == null ? "all subject types" : "subject type " + subjectType;
    }
}
