package io.activitygateway.spi;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured connection ({@code gateway.sources.<connection>.*}) as its kind sees it: the common settings
 * already validated and defaulted by the gateway, plus the kind-specific {@link #options()} as written.
 * The typed option readers report problems with the full key, ready for a start-up failure message.
 *
 * @param options kind-specific keys (below the connection) to their raw values
 */
public record ConnectionSettings(
        String connection,
        String kind,
        URI baseUrl,
        Duration pollInterval,
        Duration lookback,
        Duration initialWindow,
        Optional<Secret> token,
        Optional<Secret> apiKey,
        Optional<ZoneId> timezone,
        Map<String, String> options) {

    public ConnectionSettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseUrl, "baseUrl");
        options = Map.copyOf(options);
    }

    /** The full configuration key of a setting of this connection, for messages. */
    public String key(String setting) {
        return "gateway.sources." + connection + "." + setting;
    }

    public Secret requireToken() throws InvalidSettingException {
        return token.orElseThrow(() -> new InvalidSettingException(key("token"),
                "is required for kind " + kind + " (set it, or token-file, e.g. from a secret)"));
    }

    public Secret requireApiKey() throws InvalidSettingException {
        return apiKey.orElseThrow(() -> new InvalidSettingException(key("api-key"),
                "is required for kind " + kind + " (set it, or api-key-file, e.g. from a secret)"));
    }

    public ZoneId requireTimezone() throws InvalidSettingException {
        return timezone.orElseThrow(() -> new InvalidSettingException(key("timezone"),
                "is required for kind " + kind + ": the IANA time zone the source writes its times in,"
                        + " e.g. Europe/Berlin"));
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** A comma-separated option as a list of trimmed, non-empty values; empty when unset. */
    public List<String> listOption(String key) {
        return option(key).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList()).orElse(List.of());
    }

    /** A comma-separated list of positive whole numbers (upstream ids). */
    public List<Long> idListOption(String key) throws InvalidSettingException {
        List<String> raw = listOption(key);
        Long[] ids = new Long[raw.size()];
        for (int i = 0; i < ids.length; i++) {
            try {
                ids[i] = Long.parseLong(raw.get(i));
            } catch (NumberFormatException e) {
                ids[i] = -1L;
            }
            if (ids[i] <= 0) {
                throw new InvalidSettingException(key(key), "'" + raw.get(i) + "' is not a positive whole number"
                        + " (expected a comma-separated list of ids)");
            }
        }
        return List.of(ids);
    }

    public Optional<Boolean> booleanOption(String key) throws InvalidSettingException {
        Optional<String> value = option(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw new InvalidSettingException(key(key), "'" + value.get() + "' is not true or false");
        };
    }

    /** A duration written as Quarkus does ({@code 15m}, {@code 7d}, {@code PT1H}); must be positive. */
    public Optional<Duration> durationOption(String key) throws InvalidSettingException {
        Optional<String> value = option(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration d = Durations.parse(value.get());
            if (d.isNegative() || d.isZero()) {
                throw new InvalidSettingException(key(key), "must be positive, was " + value.get());
            }
            return Optional.of(d);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key(key), e.getMessage());
        }
    }

    @Override
    public String toString() {
        // The secrets print as *** by themselves; spelled out so a future field cannot leak by accident.
        return "ConnectionSettings[connection=" + connection + ", kind=" + kind + ", baseUrl=" + baseUrl
                + ", pollInterval=" + pollInterval + ", lookback=" + lookback + ", initialWindow=" + initialWindow
                + ", token=" + token.map(t -> "***").orElse("-") + ", apiKey=" + apiKey.map(t -> "***").orElse("-")
                + ", timezone=" + timezone.map(ZoneId::getId).orElse("-") + ", options=" + options + "]";
    }
}
