package io.activitygateway.gateway.sink;

import io.activitygateway.gateway.config.GatewayConfig.SinkConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sink's keys given as a map (a request body, a stored row) read the way configuration reads
 * {@code gateway.sinks.<name>.*}: the same defaults, durations in the same notation, booleans strictly
 * {@code true}/{@code false}, lists comma-separated. What does not parse is added to the problems, naming its key.
 */
final class MapSinkConfig implements SinkConfig {

    private final Map<String, String> keys;
    private final boolean enabled;
    private final Optional<Integer> maxAttempts;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final Duration pollInterval;

    MapSinkConfig(String prefix, Map<String, String> keys, List<String> problems) {
        this.keys = Map.copyOf(keys);
        String enabledText = value("enabled").orElse("true");
        if (!enabledText.equals("true") && !enabledText.equals("false")) {
            problems.add(prefix + "enabled: must be true or false, was '" + enabledText + "'");
        }
        this.enabled = !enabledText.equals("false");
        Optional<Integer> attempts = Optional.empty();
        if (value("max-attempts").isPresent()) {
            try {
                attempts = Optional.of(Integer.parseInt(value("max-attempts").get()));
            } catch (NumberFormatException e) {
                problems.add(prefix + "max-attempts: '" + value("max-attempts").get() + "' is not a whole number");
            }
        }
        this.maxAttempts = attempts;
        this.retryInitial = duration(prefix, "retry-initial", problems).orElse(Duration.ofSeconds(1));
        this.retryMax = duration(prefix, "retry-max", problems).orElse(Duration.ofMinutes(5));
        this.pollInterval = duration(prefix, "poll-interval", problems).orElse(Duration.ofSeconds(1));
    }

    private Optional<String> value(String key) {
        return Optional.ofNullable(keys.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private Optional<Duration> duration(String prefix, String key, List<String> problems) {
        Optional<String> text = value(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DurationConverter.parseDuration(text.get()));
        } catch (RuntimeException e) {
            problems.add(prefix + key + ": '" + text.get() + "' is not a duration (e.g. 500ms, 30s, 5m, PT30S)");
            return Optional.empty();
        }
    }

    private Optional<List<String>> list(String key) {
        return value(key).map(v -> Arrays.asList(v.split(",")));
    }

    @Override
    public Optional<String> kind() {
        return value("kind");
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public String start() {
        return value("start").orElse("now");
    }

    @Override
    public Optional<Integer> maxAttempts() {
        return maxAttempts;
    }

    @Override
    public Duration retryInitial() {
        return retryInitial;
    }

    @Override
    public Duration retryMax() {
        return retryMax;
    }

    @Override
    public Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public Optional<List<String>> source() {
        return list("source");
    }

    @Override
    public Optional<List<String>> connection() {
        return list("connection");
    }

    @Override
    public Optional<List<String>> type() {
        return list("type");
    }

    @Override
    public Optional<List<String>> sourceType() {
        return list("source-type");
    }

    @Override
    public Optional<List<String>> objectType() {
        return list("object-type");
    }

    @Override
    public Optional<List<String>> objectId() {
        return list("object-id");
    }

    @Override
    public Optional<List<String>> actorId() {
        return list("actor-id");
    }

    @Override
    public Optional<List<String>> containerId() {
        return list("container-id");
    }

    @Override
    public Map<String, String> keys() {
        return keys;
    }
}
