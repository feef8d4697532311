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
import java.util.TreeSet;

/** The configured sinks, built once at start-up; any invalid one stops the start with every problem listed. */
@ApplicationScoped
public class Sinks {

    private final Map<String, SinkDefinition> byName;

    @Inject
    public Sinks(GatewayConfig config, SinkKinds kinds, SourceKinds sourceKinds, Clock clock) {
        SinkFactory factory = new SinkFactory(kinds, sourceKinds.names(), clock);
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
        this.byName = Collections.unmodifiableMap(built);
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
