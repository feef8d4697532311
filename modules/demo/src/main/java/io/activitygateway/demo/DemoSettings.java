package io.activitygateway.demo;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The demo's own keys, {@code gateway.demo.*}, read before the gateway's configuration exists (they decide what
 * that configuration holds).
 *
 * @param seed the sandbox's seed: its people, objects and activity
 * @param rate generated events per second, in real time
 * @param backfill events generated at start, spread over the last {@code 24 h}, so the history is not empty
 * @param personNames people renamed by index ({@code gateway.demo.person-name.<index>}), e.g. to try escaping
 */
public record DemoSettings(boolean enabled, long seed, double rate, int backfill, Map<Integer, String> personNames) {

    static final String PREFIX = "gateway.demo.";
    static final String ENABLED = PREFIX + "enabled";
    static final String PERSON_NAME = PREFIX + "person-name.";

    public DemoSettings {
        personNames = Map.copyOf(personNames);
    }

    /**
     * @param value a configuration value by name
     * @param names every configured name (for the {@code person-name.<index>} keys)
     */
    static DemoSettings read(Function<String, Optional<String>> value, Iterable<String> names) {
        boolean enabled = bool(value, ENABLED);
        long seed = number(value, "seed", "42", Long::parseLong);
        double rate = number(value, "rate", "5", Double::parseDouble);
        int backfill = number(value, "backfill", "2000", Integer::parseInt);
        if (rate < 0 || rate > 1000) {
            throw new IllegalArgumentException(PREFIX + "rate=" + rate + " must be from 0 to 1000 events per second");
        }
        if (backfill < 0 || backfill > 1_000_000) {
            throw new IllegalArgumentException(PREFIX + "backfill=" + backfill + " must be from 0 to 1000000 events");
        }
        Map<Integer, String> personNames = new TreeMap<>();
        for (String name : names) {
            if (name.startsWith(PERSON_NAME)) {
                String index = name.substring(PERSON_NAME.length());
                try {
                    personNames.put(Integer.parseInt(index), value.apply(name).orElse(""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ": '" + index + "' is not a person index (0 to 7)");
                }
            }
        }
        return new DemoSettings(enabled, seed, rate, backfill, personNames);
    }

    private static boolean bool(Function<String, Optional<String>> value, String key) {
        String v = value.apply(key).map(String::strip).orElse("false");
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(key + "=" + v + " must be true or false");
    }

    private static <T> T number(Function<String, Optional<String>> value, String key, String fallback,
            Function<String, T> parse) {
        String v = value.apply(PREFIX + key).map(String::strip).orElse(fallback);
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + "=" + v + " is not a number");
        }
    }
}
