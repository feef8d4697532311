package io.activitygateway.gateway.api;

import io.activitygateway.gateway.store.EventFilter;
import io.activitygateway.model.EventIds;
import io.activitygateway.model.EventType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the query parameters the event endpoints share: the filters of the list API and the feed (each repeatable
 * and/or comma-separated), page sizes, and which names an endpoint takes at all. Every wrong value is reported with
 * the parameter's name and what is wrong, all at once.
 */
public final class FilterParams {

    public static final List<String> NAMES = List.of("source", "connection", "type", "sourceType", "objectType",
            "objectId", "actorId", "containerId", "since", "until", "q");
    /** The longest free text {@code q} may be. */
    static final int MAX_TEXT = 200;
    private static final int MAX_VALUES = 100;
    private static final Set<String> TYPES = Arrays.stream(EventType.values()).map(EventType::wireName)
            .collect(Collectors.toCollection(java.util.TreeSet::new));

    private FilterParams() {
    }

    public static EventFilter parse(MultivaluedMap<String, String> query, Set<String> knownSources,
            List<Problem.InvalidParam> errors) {
        List<String> source = values(query, "source", errors);
        for (String s : source) {
            if (!knownSources.contains(s)) {
                errors.add(new Problem.InvalidParam("source", "'" + s + "' is not a source kind; one of "
                        + knownSources));
            }
        }
        List<String> type = values(query, "type", errors);
        for (String t : type) {
            if (!TYPES.contains(t)) {
                errors.add(new Problem.InvalidParam("type", "'" + t + "' is not an event type; one of " + TYPES));
            }
        }
        Instant since = instant(query, "since", errors);
        Instant until = instant(query, "until", errors);
        if (since != null && until != null && !until.isAfter(since)) {
            errors.add(new Problem.InvalidParam("until", "must be after since (since is inclusive, until exclusive)"));
        }
        String text = FilterParams.single(query, "q", errors);
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new Problem.InvalidParam("q", "has " + text.length() + " characters; at most " + MAX_TEXT));
        }
        return new EventFilter(source, values(query, "connection", errors), type,
                values(query, "sourceType", errors), values(query, "objectType", errors),
                values(query, "objectId", errors), values(query, "actorId", errors),
                values(query, "containerId", errors), since, until, text);
    }

    /** A short, stable digest of the filter, so a cursor can only continue the query it came from. */
    static String key(EventFilter f) {
        List<String> parts = new ArrayList<>(List.of(sorted(f.source()), sorted(f.connection()), sorted(f.type()),
                sorted(f.sourceType()), sorted(f.objectType()), sorted(f.objectId()), sorted(f.actorId()),
                sorted(f.containerId()), String.valueOf(f.since()), String.valueOf(f.until())));
        if (f.text() != null) {
            // Only when given, so cursors of queries without q stay valid across the upgrade that added it.
            parts.add("q=" + f.text());
        }
        return EventIds.fingerprint(String.join("|", parts)).substring(0, 16);
    }

    private static String sorted(List<String> values) {
        return values.stream().sorted().collect(Collectors.joining(","));
    }

    static List<String> values(MultivaluedMap<String, String> query, String name, List<Problem.InvalidParam> errors) {
        List<String> raw = query.get(name);
        if (raw == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String item : raw) {
            for (String part : item.split(",")) {
                String value = part.strip();
                if (!value.isEmpty() && !out.contains(value)) {
                    out.add(value);
                }
            }
        }
        if (out.isEmpty()) {
            errors.add(new Problem.InvalidParam(name, "must not be empty (leave it out to match everything)"));
        } else if (out.size() > MAX_VALUES) {
            errors.add(new Problem.InvalidParam(name, "has " + out.size() + " values; at most " + MAX_VALUES));
        }
        return out;
    }

    /** Reports every parameter of the request that is not among {@code known}; {@code where} names the endpoint. */
    public static void rejectUnknown(MultivaluedMap<String, String> query, Collection<String> known, String where,
            List<Problem.InvalidParam> errors) {
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                errors.add(new Problem.InvalidParam(name, "is not a parameter of " + where + "; it takes "
                        + (known.isEmpty() ? "none" : known)));
            }
        }
    }

    /** A page size from 1 to {@code max}; {@code fallback} when the parameter is absent. */
    static int limit(MultivaluedMap<String, String> query, int fallback, int max, List<Problem.InvalidParam> errors) {
        String value = single(query, "limit", errors);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new Problem.InvalidParam("limit", "'" + value + "' is not a whole number from 1 to " + max));
        return fallback;
    }

    public static String single(MultivaluedMap<String, String> query, String name, List<Problem.InvalidParam> errors) {
        List<String> raw = query.get(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.size() > 1) {
            errors.add(new Problem.InvalidParam(name, "may be given only once"));
        }
        String value = raw.get(0).strip();
        if (value.isEmpty()) {
            errors.add(new Problem.InvalidParam(name, "must not be empty"));
            return null;
        }
        return value;
    }

    private static Instant instant(MultivaluedMap<String, String> query, String name,
            List<Problem.InvalidParam> errors) {
        String value = single(query, name, errors);
        if (value == null) {
            return null;
        }
        // An unencoded '+' in a query string arrives as a space: "10:15:30 01:00" meant "10:15:30+01:00".
        String repaired = value.replace(' ', '+');
        try {
            return OffsetDateTime.parse(repaired).toInstant();
        } catch (DateTimeException e) {
            errors.add(new Problem.InvalidParam(name, "'" + value + "' is not an ISO-8601 date-time with an offset,"
                    + " e.g. 2026-11-20T10:15:30Z or 2026-11-20T11:15:30%2B01:00"));
            return null;
        }
    }
}
