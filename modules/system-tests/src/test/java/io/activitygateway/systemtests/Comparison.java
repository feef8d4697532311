package io.activitygateway.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What was stored against what the sandbox emitted. Kantata and Onehub events carry the vendor's event id, and so
 * does the truth ({@code upstream_ids}: two for a Kantata change served as a duplicate), so each of their changes is
 * its own key and a stored event counts for the change its {@code sourceEventId} names; an id the truth does not know
 * is extra, two stored events for one change (its two Kantata ids, or one id twice) are doubled. This compares what
 * both sides really hold instead of re-deriving the adapters' verb and object mapping. Worksection has no ids and
 * minute-precision times, so it is compared as a multiset of (minute, action, object id).
 */
record Comparison(int expected, int stored, int lost, int doubled, int extra, List<String> examples) {

    /**
     * The sandbox's ground truth, keyed for the comparison.
     *
     * @param malformed the malformed records served: one per malformed change, two for a Kantata duplicate
     */
    record Truth(Map<String, Integer> keys, Map<String, Integer> malformedKeys, Map<String, String> byUpstreamId,
            long malformed, Instant lastVisible) {

        static Truth of(Sandbox sandbox) throws Exception {
            Map<String, Integer> keys = new TreeMap<>();
            Map<String, Integer> malformedKeys = new TreeMap<>();
            Map<String, String> byId = new HashMap<>();
            long malformed = 0;
            Instant lastVisible = Instant.EPOCH;
            for (String api : Sandbox.APIS) {
                for (JsonNode e : sandbox.truth(api)) {
                    boolean bad = !(e.path("malformed").isNull() || e.path("malformed").isMissingNode());
                    // a Kantata change served as a duplicate is two malformed records (two ids, two raw texts)
                    malformed += bad ? Math.max(1, e.path("upstream_ids").size()) : 0;
                    if (e.path("visible_at").isTextual()) {
                        Instant visible = Instant.parse(e.get("visible_at").asText());
                        lastVisible = visible.isAfter(lastVisible) ? visible : lastVisible;
                    }
                    String key;
                    try {
                        key = truthKey(api, e);
                    } catch (RuntimeException unreadable) {
                        continue; // a malformed Worksection record need not have a time
                    }
                    (bad ? malformedKeys : keys).merge(key, 1, Integer::sum);
                    for (JsonNode id : e.path("upstream_ids")) {
                        byId.put(api + " " + id.asText(), key);
                    }
                }
            }
            return new Truth(keys, malformedKeys, byId, malformed, lastVisible);
        }

        /** The stored events under the truth's keys. */
        Map<String, Integer> storedKeys(List<JsonNode> events) {
            Map<String, Integer> stored = new TreeMap<>();
            for (JsonNode e : events) {
                String api = e.get("source").asText();
                String key;
                if (api.equals("worksection")) {
                    key = minuteKey(api, e.get("occurredAt").asText(), e.path("sourceType").asText(),
                            e.path("object").path("id").asText());
                } else {
                    String id = e.path("sourceEventId").asText();
                    key = byUpstreamId.getOrDefault(api + " " + id, api + " id " + id + " (not in the truth) "
                            + e.path("sourceType").asText() + " " + e.path("object").path("id").asText());
                }
                stored.merge(key, 1, Integer::sum);
            }
            return stored;
        }

        private static String truthKey(String api, JsonNode e) {
            if (api.equals("worksection")) {
                return minuteKey(api, e.get("happened_at").asText(), e.path("action").asText(),
                        e.path("object_id").asText());
            }
            return api + " change " + e.get("change_id").asText() + " " + e.path("action").asText() + " "
                    + e.path("object_id").asText() + " ids " + e.path("upstream_ids");
        }

        private static String minuteKey(String api, String at, String action, String objectId) {
            return api + " " + Instant.parse(at).truncatedTo(ChronoUnit.MINUTES) + " " + action + " " + objectId;
        }
    }

    /**
     * @param allowed keys of malformed records: some are still stored as an event from what could be read (the
     *                problem then says {@code eventStored}), so a stored event there is allowed, not counted as extra
     */
    static Comparison of(Map<String, Integer> truth, Map<String, Integer> stored, Map<String, Integer> allowed) {
        int lost = 0;
        int doubled = 0;
        int extra = 0;
        List<String> examples = new ArrayList<>();
        Set<String> all = new HashSet<>(truth.keySet());
        all.addAll(stored.keySet());
        for (String key : new TreeSet<>(all)) {
            int want = truth.getOrDefault(key, 0);
            int got = stored.getOrDefault(key, 0);
            if (got > want && got - want <= allowed.getOrDefault(key, 0)) {
                got = want; // events still stored from malformed records
            }
            if (got < want) {
                lost += want - got;
            } else if (got > want && want > 0) {
                doubled += got - want;
            } else if (got > want) {
                extra += got;
            }
            if (got != want && examples.size() < 12) {
                examples.add(key + ": expected " + want + ", stored " + got);
            }
        }
        return new Comparison(truth.values().stream().mapToInt(i -> i).sum(),
                stored.values().stream().mapToInt(i -> i).sum(), lost, doubled, extra, examples);
    }

    boolean exact() {
        return lost == 0 && doubled == 0 && extra == 0;
    }

    @Override
    public String toString() {
        return "expected " + expected + ", stored " + stored + ": " + lost + " lost, " + doubled + " doubled, "
                + extra + " extra" + (examples.isEmpty() ? "" : "; e.g. " + examples);
    }
}
