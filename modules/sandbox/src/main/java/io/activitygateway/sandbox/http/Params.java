package io.activitygateway.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decoded query parameters in the order sent. Rails-style array names ({@code verbs[]=read}) are folded into
 * their plain name, and {@link #list} also splits comma-separated values, because every simulated API accepts
 * both spellings.
 */
public final class Params {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    public static Params parse(String rawQuery) {
        Params params = new Params();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.endsWith("[]")) {
                name = name.substring(0, name.length() - 2);
            }
            params.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The last value given for {@code name}, as Rails reads a repeated scalar. */
    public Optional<String> get(String name) {
        List<String> all = values.get(name);
        return all == null || all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Every value of {@code name}, repeated or comma-separated, blanks dropped. */
    public List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (String value : values.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }
}
