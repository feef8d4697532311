package io.activitygateway.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What was stored against what the sandbox emitted, as multisets of (api, minute, action, object id): Worksection has
 * no ids and minute-precision times, so that is the finest key all three share. Malformed records are not expected as
 * events (they are record problems). Onehub invitations are compared without their object: the event's object is the
 * invited user, whom Onehub names by email only in the detail text.
 */
record Comparison(int expected, int stored, int lost, int doubled, int extra, List<String> examples) {

    static Map<String, Integer> truthKeys(Sandbox sandbox) throws Exception {
        Map<String, Integer> keys = new TreeMap<>();
        for (String api : Sandbox.APIS) {
            for (JsonNode e : sandbox.truth(api)) {
                if (e.path("malformed").isNull() || e.path("malformed").isMissingNode()) {
                    keys.merge(key(api, e.get("happened_at").asText(), e.path("action").asText(),
                            e.path("object_id").asText()), 1, Integer::sum);
                }
            }
        }
        return keys;
    }

    /**
     * The keys of the malformed records: some are still stored as an event from what could be read (the problem then
     * says {@code eventStored}), so a stored event there is allowed, not counted as extra.
     */
    static Map<String, Integer> malformedKeys(Sandbox sandbox) throws Exception {
        Map<String, Integer> keys = new TreeMap<>();
        for (String api : Sandbox.APIS) {
            for (JsonNode e : sandbox.truth(api)) {
                if (!(e.path("malformed").isNull() || e.path("malformed").isMissingNode())) {
                    try {
                        keys.merge(key(api, e.get("happened_at").asText(), e.path("action").asText(),
                                e.path("object_id").asText()), 1, Integer::sum);
                    } catch (RuntimeException unreadable) {
                        // a malformed record need not have a time
                    }
                }
            }
        }
        return keys;
    }

    static long malformed(Sandbox sandbox) throws Exception {
        long n = 0;
        for (String api : Sandbox.APIS) {
            for (JsonNode e : sandbox.truth(api)) {
                if (!(e.path("malformed").isNull() || e.path("malformed").isMissingNode())) {
                    n++;
                }
            }
        }
        return n;
    }

    static Map<String, Integer> storedKeys(List<JsonNode> events) {
        Map<String, Integer> keys = new TreeMap<>();
        for (JsonNode e : events) {
            keys.merge(key(e.get("source").asText(), e.get("occurredAt").asText(), e.path("sourceType").asText(),
                    e.path("object").path("id").asText()), 1, Integer::sum);
        }
        return keys;
    }

    static String key(String api, String at, String action, String objectId) {
        if (api.equals("onehub")) {
            // The truth names the sandbox's verb ("read", "download"), the event the verb of Onehub's detail text
            // ("viewed", "downloaded"); and an invitation's object is an email in the truth, a user without an id in
            // the event. Onehub's events have ids, so per (minute, object) still shows every loss and double.
            action = "";
            if (objectId == null || objectId.isEmpty() || objectId.equals("null") || objectId.contains("@")) {
                objectId = "(invitee)";
            }
        }
        return api + " " + Instant.parse(at).truncatedTo(ChronoUnit.MINUTES) + " " + action + " " + objectId;
    }

    static Comparison of(Map<String, Integer> truth, Map<String, Integer> stored) {
        return of(truth, stored, Map.of());
    }

    static Comparison of(Map<String, Integer> truth, Map<String, Integer> stored, Map<String, Integer> allowed) {
        int lost = 0;
        int doubled = 0;
        int extra = 0;
        List<String> examples = new java.util.ArrayList<>();
        Set<String> all = new HashSet<>(truth.keySet());
        all.addAll(stored.keySet());
        for (String key : new java.util.TreeSet<>(all)) {
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
            if (got != want && examples.stream().filter(e -> e.startsWith(key.substring(0, key.indexOf(' ')))).count() < 4
                    && (got > want ? examples.stream().filter(e -> e.contains("extra:")).count() < 6 : true)) {
                examples.add(key + ": expected " + want + ", stored " + got + (got > want && want == 0 ? " extra:" : ""));
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
