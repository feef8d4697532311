package io.activitygateway.gateway.source;

import io.activitygateway.gateway.config.GatewayConfig.SourceConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connection's keys given as a map (a request body, a stored row) read the way configuration reads
 * {@code gateway.sources.<name>.*}: the same defaults, durations in the same notation, booleans strictly
 * {@code true}/{@code false}. What does not parse is added to the problems, naming its key.
 */
final class MapSourceConfig implements SourceConfig {

    private final Map<String, String> keys;
    private final boolean enabled;
    private final Duration pollInterval;
    private final Optional<Duration> lookback;
    private final Optional<Duration> initialWindow;

    MapSourceConfig(String prefix, Map<String, String> keys, List<String> problems) {
        this.keys = Map.copyOf(keys);
        String enabledText = value("enabled").orElse("true");
        if (!enabledText.equals("true") && !enabledText.equals("false")) {
            problems.add(prefix + "enabled: must be true or false, was '" + enabledText + "'");
        }
        this.enabled = !enabledText.equals("false");
        this.pollInterval = duration(prefix, "poll-interval", problems).orElse(Duration.ofSeconds(30));
        this.lookback = duration(prefix, "lookback", problems);
        this.initialWindow = duration(prefix, "initial-window", problems);
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
            problems.add(prefix + key + ": '" + text.get() + "' is not a duration (e.g. 30s, 5m, 1h, PT30S)");
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> kind() {
        return value("kind");
    }

    @Override
    public Optional<String> baseUrl() {
        return value("base-url");
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public Optional<Duration> lookback() {
        return lookback;
    }

    @Override
    public Optional<Duration> initialWindow() {
        return initialWindow;
    }

    @Override
    public Optional<String> token() {
        return value("token");
    }

    @Override
    public Optional<Path> tokenFile() {
        return value("token-file").map(Path::of);
    }

    @Override
    public Optional<String> apiKey() {
        return value("api-key");
    }

    @Override
    public Optional<Path> apiKeyFile() {
        return value("api-key-file").map(Path::of);
    }

    @Override
    public Optional<String> timezone() {
        return value("timezone");
    }

    @Override
    public Map<String, String> keys() {
        return keys;
    }
}
