package io.activitygateway.gateway.source;

import io.activitygateway.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every connection: those from configuration, built once at start-up (the problems of invalid or incomplete
 * ones, each naming its key, go into the one start-up report, {@code StartupCheck}, which stops the start), and
 * those managed through the API ({@link ManagedConnections}), which change at runtime. Configuration wins a name
 * both define.
 */
@ApplicationScoped
public class Connections {

    private final Map<String, Connection> configured;
    private volatile Map<String, Connection> byName;
    private final List<String> problems;

    @Inject
    public Connections(GatewayConfig config, SourceKinds kinds) {
        ConnectionFactory factory = new ConnectionFactory(kinds);
        List<String> problems = new ArrayList<>();
        Map<String, Connection> built = new LinkedHashMap<>();
        for (String name : new TreeSet<>(config.sources().keySet())) {
            Connection connection = factory.create(name, config.sources().get(name), problems);
            if (connection != null) {
                built.put(name, connection);
            }
        }
        this.problems = List.copyOf(problems);
        this.configured = Collections.unmodifiableMap(built);
        this.byName = configured;
    }

    /** Whether the name comes from configuration (read-only through the API). */
    public boolean isConfigured(String name) {
        return configured.containsKey(name);
    }

    /** Replaces the connections managed through the API. */
    void replaceManaged(Map<String, Connection> managed) {
        Map<String, Connection> all = new java.util.TreeMap<>(managed);
        all.putAll(configured);
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(all));
    }

    /** What is wrong with the configured connections, each naming its key; empty when all are valid. */
    public List<String> problems() {
        return problems;
    }

    public Collection<Connection> all() {
        return byName.values();
    }

    public Optional<Connection> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
