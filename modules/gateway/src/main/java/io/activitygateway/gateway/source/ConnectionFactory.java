package io.activitygateway.gateway.source;

import io.activitygateway.gateway.config.GatewayConfig.SourceConfig;
import io.activitygateway.gateway.config.SecretSettings;
import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.Secret;
import io.activitygateway.spi.SettingDescriptor;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns {@code gateway.sources.<name>.*} into a {@link Connection}, checking every common setting and letting the
 * kind check its own. Problems are collected, not thrown one at a time, so one start-up shows them all, each
 * naming its key.
 */
final class ConnectionFactory {

    static final Set<String> COMMON_KEYS = Set.of("kind", "base-url", "enabled", "poll-interval", "lookback",
            "initial-window", "token", "token-file", "api-key", "api-key-file", "timezone");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private final SourceKinds kinds;

    ConnectionFactory(SourceKinds kinds) {
        this.kinds = kinds;
    }

    Connection create(String name, SourceConfig config, List<String> problems) {
        int before = problems.size();
        String prefix = "gateway.sources." + name + ".";
        if (!NAME.matcher(name).matches()) {
            problems.add("gateway.sources." + name + ": the connection name must be 1-63 lower-case letters, digits,"
                    + " '-' or '_', starting with a letter or digit (it appears in URLs and events)");
            return null;
        }
        if (config.kind().isEmpty()) {
            problems.add(prefix + "kind: is required; one of " + kinds.names());
            return null;
        }
        Optional<SourceKind> found = kinds.find(config.kind().get().strip());
        if (found.isEmpty()) {
            problems.add(prefix + "kind: '" + config.kind().get() + "' is not a known source kind; one of "
                    + kinds.names());
            return null;
        }
        SourceKind kind = found.get();
        Set<String> kindKeys = kind.settings().stream().map(SettingDescriptor::key).collect(Collectors.toSet());
        for (String key : new java.util.TreeSet<>(config.keys().keySet())) {
            if (!COMMON_KEYS.contains(key) && !kindKeys.contains(key)) {
                problems.add(prefix + key + ": is not a setting of kind " + kind.name() + "; it knows "
                        + (kindKeys.isEmpty() ? "only the common ones" : kindKeys.stream().sorted().toList())
                        + " besides the common " + COMMON_KEYS.stream().sorted().toList());
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (SettingDescriptor setting : kind.settings()) {
            Optional<String> value = Optional.ofNullable(config.keys().get(setting.key())).filter(v -> !v.isBlank());
            value.ifPresent(v -> options.put(setting.key(), v));
            if (value.isEmpty() && setting.required()) {
                problems.add(prefix + setting.key() + ": is required for kind " + kind.name() + " ("
                        + setting.description() + ")");
            }
        }
        URI baseUrl = baseUrl(prefix, config.baseUrl(), kind, problems);
        Duration lookback = positive(prefix + "lookback", config.lookback().orElse(kind.defaultLookback()), problems);
        Duration initialWindow = positive(prefix + "initial-window",
                config.initialWindow().orElse(kind.defaultInitialWindow()), problems);
        Duration pollInterval = positive(prefix + "poll-interval", config.pollInterval(), problems);
        Optional<Secret> token = SecretSettings.read(prefix, "token", config.token(), config.tokenFile(), problems);
        Optional<Secret> apiKey = SecretSettings.read(prefix, "api-key", config.apiKey(), config.apiKeyFile(), problems);
        Optional<ZoneId> zone = zone(prefix + "timezone", config.timezone(), problems);
        if (problems.size() > before) {
            return null;
        }
        ConnectionSettings settings = new ConnectionSettings(name, kind.name(), baseUrl, pollInterval, lookback,
                initialWindow, token, apiKey, zone, options);
        try {
            SourceAdapter adapter = kind.create(settings);
            return new Connection(name, kind, settings, config.enabled(), adapter);
        } catch (InvalidSettingException e) {
            problems.add(e.getMessage());
            return null;
        } catch (RuntimeException e) {
            problems.add("gateway.sources." + name + ": kind " + kind.name() + " could not be set up: " + e);
            return null;
        }
    }

    private static URI baseUrl(String prefix, Optional<String> configured, SourceKind kind, List<String> problems) {
        if (configured.isEmpty()) {
            Optional<URI> fallback = kind.defaultBaseUrl();
            if (fallback.isEmpty()) {
                problems.add(prefix + "base-url: is required for kind " + kind.name()
                        + " (every account has its own address)");
            }
            return fallback.orElse(null);
        }
        String text = configured.get().strip();
        try {
            URI uri = new URI(text);
            // The URL is never echoed: a query string or user info may hold a secret, and problems are logged.
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(prefix + "base-url: is not an absolute http(s) URL (scheme "
                        + (uri.getScheme() == null ? "missing" : "'" + uri.getScheme() + "'") + ")");
            } else if (uri.getRawUserInfo() != null) {
                problems.add(prefix + "base-url: must not carry credentials; use token or api-key");
            } else if (uri.getRawQuery() != null || text.contains("?")) {
                problems.add(prefix + "base-url: must not have a query string (it would be sent, logged and shown"
                        + " with every request); put credentials in token or api-key");
            } else if (uri.getRawFragment() != null || text.contains("#")) {
                problems.add(prefix + "base-url: must not have a fragment ('#...')");
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(prefix + "base-url: is not a URL (" + e.getReason() + " at character " + e.getIndex() + ")");
            return null;
        }
    }

    private static Duration positive(String key, Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + ": must be positive, was " + value);
        }
        return value;
    }

    private static Optional<ZoneId> zone(String key, Optional<String> value, List<String> problems) {
        if (value.isEmpty() || value.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(value.get().strip()));
        } catch (DateTimeException e) {
            problems.add(key + ": '" + value.get() + "' is not an IANA time zone id (e.g. Europe/Berlin,"
                    + " America/Los_Angeles)");
            return Optional.empty();
        }
    }
}
