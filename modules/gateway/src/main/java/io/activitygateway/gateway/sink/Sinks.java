package io.activitygateway.gateway.sink;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.source.SourceKinds;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every sink: those from configuration, built once at start-up (any invalid one stops the start with every problem
 * listed), and those managed through the API ({@link ManagedSinks}), which change at runtime. Configuration wins a
 * name both define.
 */
@ApplicationScoped
public class Sinks {

    private final Map<String, SinkDefinition> configured;
    private final SinkFactory factory;
    private volatile Map<String, SinkDefinition> byName;

    @Inject
    public Sinks(GatewayConfig config, SinkKinds kinds, SourceKinds sourceKinds, Clock clock) {
        this.factory = new SinkFactory(kinds, sourceKinds.names(), clock);
        List<String> problems = new ArrayList<>();
        Map<String, SinkDefinition> built = new LinkedHashMap<>();
        for (String name : new TreeSet<>(config.sinks().keySet())) {
            SinkDefinition sink = factory.create(name, config.sinks().get(name), problems);
            if (sink != null) {
                built.put(name, sink);
            }
        }
        if (!problems.isEmpty()) {
            built.values().forEach(s -> s.sink().close());
            throw new ConfigurationException("Invalid sink configuration:\n  - " + String.join("\n  - ", problems));
        }
        this.configured = Collections.unmodifiableMap(built);
        this.byName = configured;
    }

    /** Whether the name comes from configuration (read-only through the API). */
    public boolean isConfigured(String name) {
        return configured.containsKey(name);
    }

    /** Builds a sink from keys as configuration writes them, with the same checks; null with problems added. */
    SinkDefinition build(String name, GatewayConfig.SinkConfig config, List<String> problems) {
        return factory.create(name, config, problems);
    }

    /** Replaces the sinks managed through the API. */
    void replaceManaged(Map<String, SinkDefinition> managed) {
        Map<String, SinkDefinition> all = new TreeMap<>(managed);
        all.putAll(configured);
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(all));
    }

    public Collection<SinkDefinition> all() {
        return byName.values();
    }

    public Optional<SinkDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @PreDestroy
    void close() {
        byName.values().forEach(s -> s.sink().close());
    }
}
