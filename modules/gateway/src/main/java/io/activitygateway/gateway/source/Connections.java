package io.activitygateway.gateway.source;

import io.activitygateway.gateway.config.GatewayConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
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
 * The configured connections. Built once at start-up; any invalid or incomplete connection stops the start with
 * every problem listed, each naming its key.
 */
@ApplicationScoped
public class Connections {

    private final Map<String, Connection> byName;

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
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid source configuration:\n  - " + String.join("\n  - ", problems));
        }
        this.byName = Collections.unmodifiableMap(built);
    }

    public Collection<Connection> all() {
        return byName.values();
    }

    public Optional<Connection> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
