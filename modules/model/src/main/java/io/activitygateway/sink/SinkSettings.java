package io.activitygateway.sink;

import io.activitygateway.spi.Durations;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured sink ({@code gateway.sinks.<sink>.*}) as its kind sees it: the kind-specific {@link #options()} as
 * written. The typed readers report problems with the full key, ready for a start-up failure message.
 *
 * @param clock the gateway's clock, for anything a sink stamps with the time (webhook timestamps)
 */
public record SinkSettings(String sink, String kind, Map<String, String> options, Clock clock) {

    public SinkSettings {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(kind, "kind");
        options = Map.copyOf(options);
        Objects.requireNonNull(clock, "clock");
    }

    /** The full configuration key of a setting of this sink, for messages. */
    public String key(String setting) {
        return "gateway.sinks." + sink + "." + setting;
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String require(String key, String what) throws InvalidSettingException {
        return option(key).orElseThrow(() -> new InvalidSettingException(key(key), "is required for kind " + kind
                + " (" + what + ")"));
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when unset. */
    public int intOption(String key, int fallback, int min, int max) throws InvalidSettingException {
        Optional<String> value = option(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidSettingException(key(key), "'" + value.get() + "' is not a whole number from " + min + " to "
                + max);
    }

    /** A positive duration written as Quarkus does ({@code 500ms}, {@code 30s}, {@code PT1M}). */
    public Duration durationOption(String key, Duration fallback) throws InvalidSettingException {
        Optional<String> value = option(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(value.get());
            if (d.isNegative() || d.isZero()) {
                throw new InvalidSettingException(key(key), "must be positive, was " + value.get());
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key(key), e.getMessage());
        }
    }

    public boolean booleanOption(String key, boolean fallback) throws InvalidSettingException {
        Optional<String> value = option(key);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(key(key), "'" + value.get() + "' is not true or false");
        };
    }

    /** One of {@code allowed} (lower case); {@code fallback} when unset. */
    public String choiceOption(String key, String fallback, String... allowed) throws InvalidSettingException {
        Optional<String> value = option(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String v = value.get().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        throw new InvalidSettingException(key(key), "'" + value.get() + "' is not one of " + String.join(", ",
                allowed));
    }

    /** A credential given as {@code <key>} (better {@code ${ENV_VAR}}) or read from {@code <key>-file}. */
    public Optional<Secret> secretOption(String key) throws InvalidSettingException {
        Optional<String> inline = option(key);
        Optional<String> file = option(key + "-file");
        if (inline.isPresent() && file.isPresent()) {
            throw new InvalidSettingException(key(key), "give either " + key + " or " + key + "-file, not both");
        }
        if (inline.isPresent()) {
            return Optional.of(new Secret(inline.get()));
        }
        if (file.isPresent()) {
            try {
                String text = Files.readString(Path.of(file.get())).strip();
                if (text.isEmpty()) {
                    throw new InvalidSettingException(key(key + "-file"), "the file " + file.get() + " is empty");
                }
                return Optional.of(new Secret(text));
            } catch (IOException e) {
                throw new InvalidSettingException(key(key + "-file"), "cannot read " + file.get() + ": " + e);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        // Options may hold a secret; only their keys are shown.
        return "SinkSettings[sink=" + sink + ", kind=" + kind + ", options=" + options.keySet() + "]";
    }
}
