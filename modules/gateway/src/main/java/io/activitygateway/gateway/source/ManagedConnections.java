package io.activitygateway.gateway.source;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.config.SecretSettings;
import io.activitygateway.gateway.store.DefinitionTable;
import io.activitygateway.spi.Secret;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Connections created, changed and deleted through the API, kept in the database. Each is validated exactly as
 * start-up validates configuration (the same {@link ConnectionFactory}, every problem at once). Secrets (token,
 * API key) are accepted, sealed with AES-GCM under {@code gateway.secrets.key} and never shown again. Every instance
 * reads the table again every {@code gateway.connections.reload-every}, so a change made on one reaches all.
 */
@ApplicationScoped
public class ManagedConnections {

    private static final Logger LOG = Logger.getLogger(ManagedConnections.class);
    static final Set<String> SECRET_KEYS = Set.of("token", "api-key");
    private static final Set<String> FILE_KEYS = Set.of("token-file", "api-key-file");

    @Inject
    GatewayConfig config;
    @Inject
    Connections connections;
    @Inject
    SourceKinds kinds;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    Event<ConnectionsChanged> changed;

    private DefinitionTable table;
    private Optional<SecretCipher> cipher;
    private final Map<String, Loaded> loaded = new LinkedHashMap<>();
    private ScheduledExecutorService reloader;

    private record Loaded(String revision, Connection connection) {
    }

    @PostConstruct
    void init() {
        table = new DefinitionTable(dataSource, "managed_connection", "connection",
                List.of("source_state", "source_gap", "record_problem"));
        List<String> problems = new ArrayList<>();
        cipher = cipher(config.secrets(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid secrets configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** The cipher under the configured key, if any; a bad key adds a problem naming its key. */
    public static Optional<SecretCipher> cipher(GatewayConfig.SecretsKey settings, List<String> problems) {
        Optional<Secret> key = SecretSettings.read("gateway.secrets.", "key", settings.key(), settings.keyFile(),
                problems);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String name = settings.keyFile().isPresent() ? "gateway.secrets.key-file" : "gateway.secrets.key";
        try {
            return Optional.of(new SecretCipher(Base64.getDecoder().decode(key.get().reveal())));
        } catch (IllegalArgumentException e) {
            problems.add(name + ": must be an AES key of 16, 24 or 32 bytes in base64 (e.g. openssl rand -base64 32)");
            return Optional.empty();
        }
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        reload();
        long every = config.connections().reloadEvery().toMillis();
        reloader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "connections-reload");
            t.setDaemon(true);
            return t;
        });
        reloader.scheduleWithFixedDelay(this::reloadQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }

    /**
     * Creates or replaces a managed connection from its keys as in configuration. A secret left out keeps the
     * stored one; a secret given as null removes it.
     *
     * @return true when it was created
     * @throws InvalidConnectionException with every problem, each naming its key
     * @throws ReadOnlyConnectionException when configuration defines the name
     */
    public synchronized boolean put(String name, Map<String, Object> body) throws SQLException {
        if (connections.isConfigured(name)) {
            throw new ReadOnlyConnectionException(name);
        }
        String prefix = "gateway.sources." + name + ".";
        List<String> problems = new ArrayList<>();
        Map<String, String> settings = new TreeMap<>();
        Map<String, String> secrets = new TreeMap<>();
        Optional<DefinitionTable.Row> existing = table.find(name);
        if (existing.isPresent() && existing.get().secrets() != null) {
            secrets.putAll(unseal(existing.get(), problems));
        }
        boolean newSecrets = false;
        for (Map.Entry<String, Object> entry : new TreeMap<>(body).entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.equals("name")) {
                if (value != null && !name.equals(String.valueOf(value))) {
                    problems.add(prefix + "name: '" + value + "' differs from the name in the path ('" + name + "')");
                }
                continue;
            }
            if (FILE_KEYS.contains(key)) {
                problems.add(prefix + key + ": a file on the gateway's machine cannot be named through the API; send"
                        + " the value as " + key.substring(0, key.length() - "-file".length()));
                continue;
            }
            if (value instanceof Map || value instanceof List) {
                problems.add(prefix + key + ": must be a string, number or boolean");
                continue;
            }
            if (SECRET_KEYS.contains(key)) {
                if (value == null) {
                    secrets.remove(key);
                } else {
                    secrets.put(key, String.valueOf(value));
                    newSecrets = true;
                }
            } else if (value != null) {
                settings.put(key, String.valueOf(value));
            }
        }
        if (newSecrets && cipher.isEmpty()) {
            problems.add(prefix + secrets.keySet().iterator().next() + ": cannot be stored: no secrets key is configured"
                    + " (gateway.secrets.key or gateway.secrets.key-file); secrets are never stored unencrypted");
        }
        Map<String, String> all = new TreeMap<>(settings);
        all.putAll(secrets);
        build(name, all, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConnectionException(problems);
        }
        String sealed = secrets.isEmpty() ? null
                : cipher.get().encrypt(DefinitionTable.writeKeys(secrets), name);
        boolean created = table.put(new DefinitionTable.Row(name, DefinitionTable.writeKeys(settings), sealed,
                UUID.randomUUID().toString()), clock.instant());
        reload();
        return created;
    }

    /**
     * @return false when no managed connection has the name
     * @throws ReadOnlyConnectionException when configuration defines the name
     */
    public synchronized boolean delete(String name) throws SQLException {
        if (connections.isConfigured(name)) {
            throw new ReadOnlyConnectionException(name);
        }
        boolean deleted = table.delete(name);
        reload();
        return deleted;
    }

    /** The keys a managed connection was stored with, secrets left out; empty for others. */
    public synchronized Optional<Map<String, String>> settings(String name) {
        try {
            return table.find(name).map(row -> DefinitionTable.readKeys(row.settings()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Which secrets a managed connection holds (their names, never their values). */
    public synchronized List<String> secretNames(String name) {
        Loaded l = loaded.get(name);
        if (l == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        l.connection().settings().token().ifPresent(t -> names.add("token"));
        l.connection().settings().apiKey().ifPresent(t -> names.add("api-key"));
        return names;
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warnf("connections: could not read the managed connections (trying again in %s): %s",
                    config.connections().reloadEvery(), e.toString());
        }
    }

    /** Reads the table and rebuilds what changed since the last read; tells the poll scheduler if anything did. */
    public synchronized void reload() {
        List<DefinitionTable.Row> rows;
        try {
            rows = table.all();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read managed connections: " + e.getMessage(), e);
        }
        boolean any = false;
        Map<String, Loaded> next = new LinkedHashMap<>();
        for (DefinitionTable.Row row : rows) {
            if (connections.isConfigured(row.name())) {
                LOG.warnf("connections: '%s' is both configured and managed through the API; the configuration wins",
                        row.name());
                continue;
            }
            Loaded before = loaded.get(row.name());
            if (before != null && before.revision().equals(row.revision())) {
                next.put(row.name(), before);
                continue;
            }
            List<String> problems = new ArrayList<>();
            Map<String, String> keys = new TreeMap<>(DefinitionTable.readKeys(row.settings()));
            if (row.secrets() != null) {
                keys.putAll(unseal(row, problems));
            }
            Connection connection = problems.isEmpty() ? build(row.name(), keys, problems) : null;
            if (connection == null) {
                LOG.errorf("connections: managed connection '%s' cannot run: %s", row.name(), problems);
                continue;
            }
            next.put(row.name(), new Loaded(row.revision(), connection));
            any = true;
            LOG.infof("[%s] managed connection %s", row.name(), before == null ? "loaded" : "changed");
        }
        for (String name : loaded.keySet()) {
            if (!next.containsKey(name)) {
                any = true;
                LOG.infof("[%s] managed connection deleted", name);
            }
        }
        if (any) {
            loaded.clear();
            loaded.putAll(next);
            Map<String, Connection> managed = new LinkedHashMap<>();
            next.forEach((name, l) -> managed.put(name, l.connection()));
            connections.replaceManaged(managed);
            changed.fire(new ConnectionsChanged());
        }
    }

    private Connection build(String name, Map<String, String> keys, List<String> problems) {
        String prefix = "gateway.sources." + name + ".";
        MapSourceConfig source = new MapSourceConfig(prefix, keys, problems);
        int before = problems.size();
        Connection connection = new ConnectionFactory(kinds).create(name, source, problems);
        return problems.size() > before ? null : connection;
    }

    private Map<String, String> unseal(DefinitionTable.Row row, List<String> problems) {
        if (cipher.isEmpty()) {
            problems.add("gateway.sources." + row.name() + ".token: the stored secrets need the secrets key"
                    + " (gateway.secrets.key or gateway.secrets.key-file), which is not configured");
            return Map.of();
        }
        try {
            return DefinitionTable.readKeys(cipher.get().decrypt(row.secrets(), row.name()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            problems.add("gateway.sources." + row.name() + ".token: the stored secrets do not open with the"
                    + " configured gateway.secrets.key (was it changed?); send them again");
            return Map.of();
        }
    }
}
