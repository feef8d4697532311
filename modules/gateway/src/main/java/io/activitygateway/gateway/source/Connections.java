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
 * The configured connections. Built once at start-up; the problems of invalid or incomplete connections, each
 * naming its key, go into the one start-up report ({@code StartupCheck}), which stops the start.
 */
@ApplicationScoped
public class Connections {

    private final Map<String, Connection> byName;
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
        this.byName = Collections.unmodifiableMap(built);
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
