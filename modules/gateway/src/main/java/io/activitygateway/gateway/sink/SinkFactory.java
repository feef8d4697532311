package io.activitygateway.gateway.sink;

import io.activitygateway.gateway.config.GatewayConfig.SinkConfig;
import io.activitygateway.gateway.store.EventFilter;
import io.activitygateway.model.EventType;
import io.activitygateway.sink.Sink;
import io.activitygateway.sink.SinkKind;
import io.activitygateway.sink.SinkSettings;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.SettingDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns {@code gateway.sinks.<name>.*} into a {@link SinkDefinition}, checking the common settings and letting the
 * kind check its own. Problems are collected, each naming its key, so one start-up shows them all.
 */
final class SinkFactory {

    static final Set<String> COMMON_KEYS = Set.of("kind", "enabled", "start", "max-attempts", "retry-initial",
            "retry-max", "poll-interval", "source", "connection", "type", "source-type", "object-type", "object-id",
            "actor-id", "container-id");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Set<String> TYPES = Arrays.stream(EventType.values()).map(EventType::wireName)
            .collect(Collectors.toCollection(TreeSet::new));

    private final SinkKinds kinds;
    private final Set<String> sourceKinds;
    private final Clock clock;

    SinkFactory(SinkKinds kinds, Set<String> sourceKinds, Clock clock) {
        this.kinds = kinds;
        this.sourceKinds = sourceKinds;
        this.clock = clock;
    }

    SinkDefinition create(String name, SinkConfig config, List<String> problems) {
        int before = problems.size();
        String prefix = "gateway.sinks." + name + ".";
        if (!NAME.matcher(name).matches()) {
            problems.add("gateway.sinks." + name + ": the sink name must be 1-63 lower-case letters, digits, '-' or"
                    + " '_', starting with a letter or digit (it appears in URLs and metrics)");
            return null;
        }
        if (config.kind().isEmpty() || config.kind().get().isBlank()) {
            problems.add(prefix + "kind: is required; one of " + kinds.names());
            return null;
        }
        Optional<SinkKind> found = kinds.find(config.kind().get().strip());
        if (found.isEmpty()) {
            problems.add(prefix + "kind: '" + config.kind().get() + "' is not a known sink kind; one of "
                    + kinds.names());
            return null;
        }
        SinkKind kind = found.get();
        List<String> kindKeys = kind.settings().stream().map(SettingDescriptor::key).toList();
        Map<String, String> options = new LinkedHashMap<>();
        for (String key : new TreeSet<>(config.keys().keySet())) {
            if (COMMON_KEYS.contains(key)) {
                continue;
            }
            if (kindKeys.stream().anyMatch(k -> matches(k, key))) {
                options.put(key, config.keys().get(key));
            } else {
                problems.add(prefix + key + ": is not a setting of sink kind " + kind.name() + "; it knows "
                        + kindKeys.stream().sorted().toList() + " besides the common "
                        + COMMON_KEYS.stream().sorted().toList());
            }
        }
        for (SettingDescriptor setting : kind.settings()) {
            if (setting.required() && !setting.key().endsWith("*")
                    && Optional.ofNullable(options.get(setting.key())).filter(v -> !v.isBlank()).isEmpty()) {
                problems.add(prefix + setting.key() + ": is required for sink kind " + kind.name() + " ("
                        + setting.description() + ")");
            }
        }
        StartPosition start = StartPosition.parse(config.start());
        if (start == null) {
            problems.add(prefix + "start: '" + config.start() + "' is not now, earliest or a seq (a whole number"
                    + " from 1)");
        }
        int maxAttempts = config.maxAttempts().orElse(kind.defaultMaxAttempts());
        if (maxAttempts < 0) {
            problems.add(prefix + "max-attempts: must be 0 (retry for ever) or more, was " + maxAttempts);
        }
        positive(prefix + "retry-initial", config.retryInitial(), problems);
        positive(prefix + "retry-max", config.retryMax(), problems);
        positive(prefix + "poll-interval", config.pollInterval(), problems);
        if (config.retryMax().compareTo(config.retryInitial()) < 0) {
            problems.add(prefix + "retry-max: must not be shorter than retry-initial");
        }
        List<String> source = list(config.source());
        for (String s : source) {
            if (!sourceKinds.contains(s)) {
                problems.add(prefix + "source: '" + s + "' is not a source kind; one of " + sourceKinds);
            }
        }
        List<String> type = list(config.type());
        for (String t : type) {
            if (!TYPES.contains(t)) {
                problems.add(prefix + "type: '" + t + "' is not an event type; one of " + TYPES);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        EventFilter filter = new EventFilter(source, list(config.connection()), type, list(config.sourceType()),
                list(config.objectType()), list(config.objectId()), list(config.actorId()),
                list(config.containerId()), null, null);
        try {
            Sink sink = kind.create(new SinkSettings(name, kind.name(), options, clock));
            return new SinkDefinition(name, kind, config.enabled(), filter, start, maxAttempts, config.retryInitial(),
                    config.retryMax(), config.pollInterval(), sink);
        } catch (InvalidSettingException e) {
            problems.add(e.getMessage());
            return null;
        } catch (RuntimeException e) {
            problems.add("gateway.sinks." + name + ": sink kind " + kind.name() + " could not be set up: " + e);
            return null;
        }
    }

    /** {@code producer.*} in a kind's settings stands for every key below {@code producer.}. */
    private static boolean matches(String descriptor, String key) {
        return descriptor.endsWith("*") ? key.startsWith(descriptor.substring(0, descriptor.length() - 1))
                && key.length() > descriptor.length() - 1 : descriptor.equals(key);
    }

    private static List<String> list(Optional<List<String>> values) {
        return values.map(v -> v.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList())
                .orElse(List.of());
    }

    private static void positive(String key, Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + ": must be positive, was " + value);
        }
    }
}
