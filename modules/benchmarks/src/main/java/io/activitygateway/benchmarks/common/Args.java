package io.activitygateway.benchmarks.common;

import java.util.HashMap;
import java.util.Map;

/** {@code --key=value} command-line flags; {@code --size=smoke} unless told otherwise. */
public final class Args {

    private final Map<String, String> values = new HashMap<>();

    public Args(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --key=value, got '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            values.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
    }

    public boolean full() {
        String size = get("size", "smoke");
        if (!size.equals("full") && !size.equals("smoke")) {
            throw new IllegalArgumentException("--size must be smoke or full, was '" + size + "'");
        }
        return size.equals("full");
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int getInt(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }
}
