package io.activitygateway.gateway.sink;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.source.ManagedConnections;
import io.activitygateway.gateway.source.SecretCipher;
import io.activitygateway.gateway.store.DefinitionTable;
import io.activitygateway.sink.SinkKind;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
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
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sinks created, changed and deleted through the API, kept in the database, as {@link ManagedConnections} keeps
 * connections. Each is validated exactly as start-up validates configured sinks (the same {@link SinkFactory},
 * every problem at once). The keys its kind calls secret (the webhook's signing secret, Kafka passwords) are sealed
 * with AES-GCM under {@code gateway.secrets.key} and never shown again. Every instance reads the table again every
 * {@code gateway.connections.reload-every}, so a change made on one reaches all; the sink scheduler then starts,
 * restarts or stops the runners, and the lease keeps each sink on one instance.
 */
@ApplicationScoped
public class ManagedSinks {

    private static final Logger LOG = Logger.getLogger(ManagedSinks.class);
    /** Keys below a sink that hold lists: a JSON array is accepted for them and stored comma-separated. */
    private static final Set<String> LIST_KEYS = Set.of("source", "connection", "type", "source-type", "object-type",
            "object-id", "actor-id", "container-id");

    @Inject
    GatewayConfig config;
    @Inject
    Sinks sinks;
    @Inject
    SinkKinds kinds;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    Event<SinksChanged> changed;

    private DefinitionTable table;
    private Optional<SecretCipher> cipher;
    private final Map<String, Loaded> loaded = new LinkedHashMap<>();
    private ScheduledExecutorService reloader;

    private record Loaded(String revision, SinkDefinition definition, List<String> secrets) {
    }

    @PostConstruct
    void init() {
        table = new DefinitionTable(dataSource, "managed_sink", "sink", List.of("sink_position", "sink_parked"));
        // An invalid key stops the start in StartupCheck, naming it; here it only means no secrets can be kept.
        cipher = ManagedConnections.cipher(config.secrets(), new ArrayList<>());
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        reload();
        long every = config.connections().reloadEvery().toMillis();
        reloader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sinks-reload");
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
     * Creates or replaces a managed sink from its keys as in configuration. A secret left out keeps the stored one
     * (if the kind still calls it secret); a secret given as null removes it. A replaced sink keeps its position.
     *
     * @return true when it was created
     * @throws InvalidSinkException with every problem, each naming its key
     * @throws ReadOnlySinkException when configuration defines the name
     */
    public synchronized boolean put(String name, Map<String, Object> body) throws SQLException {
        if (sinks.isConfigured(name)) {
            throw new ReadOnlySinkException(name);
        }
        String prefix = "gateway.sinks." + name + ".";
        List<String> problems = new ArrayList<>();
        Optional<SinkKind> kind = Optional.ofNullable(body.get("kind")).map(String::valueOf).map(String::strip)
                .flatMap(kinds::find);
        Map<String, String> settings = new TreeMap<>();
        Map<String, String> secrets = new TreeMap<>();
        Optional<DefinitionTable.Row> existing = table.find(name);
        if (existing.isPresent() && existing.get().secrets() != null && kind.isPresent()) {
            // Stored secrets that no longer open are dropped: the kind then asks for them, and sending them works.
            unseal(existing.get(), new ArrayList<>()).forEach((key, value) -> {
                if (kind.get().secret(key)) {
                    secrets.put(key, value);
                }
            });
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
            if (key.endsWith("-file") && kind.isPresent()
                    && kind.get().secret(key.substring(0, key.length() - "-file".length()))) {
                problems.add(prefix + key + ": a file on the gateway's machine cannot be named through the API; send"
                        + " the value as " + key.substring(0, key.length() - "-file".length()));
                continue;
            }
            String text;
            if (value instanceof List<?> list && LIST_KEYS.contains(key)
                    && list.stream().allMatch(v -> v != null && !(v instanceof Map) && !(v instanceof List))) {
                text = list.stream().map(String::valueOf).collect(Collectors.joining(","));
            } else if (value instanceof Map || value instanceof List) {
                problems.add(prefix + key + ": must be a string, number or boolean"
                        + (LIST_KEYS.contains(key) ? ", or an array of them" : ""));
                continue;
            } else {
                text = value == null ? null : String.valueOf(value);
            }
            if (kind.isPresent() && kind.get().secret(key)) {
                if (text == null) {
                    secrets.remove(key);
                } else {
                    secrets.put(key, text);
                    newSecrets = true;
                }
            } else if (text != null) {
                settings.put(key, text);
            }
        }
        if (newSecrets && cipher.isEmpty()) {
            problems.add(prefix + secrets.keySet().iterator().next() + ": cannot be stored: no secrets key is configured"
                    + " (gateway.secrets.key or gateway.secrets.key-file); secrets are never stored unencrypted");
        }
        Map<String, String> all = new TreeMap<>(settings);
        all.putAll(secrets);
        SinkDefinition checked = build(name, all, problems);
        if (checked != null) {
            // Only a check: the definition that runs is built when the table is read again below.
            checked.sink().close();
        }
        if (!problems.isEmpty()) {
            throw new InvalidSinkException(problems);
        }
        String sealed = secrets.isEmpty() ? null
                : cipher.get().encrypt(DefinitionTable.writeKeys(secrets), aad(name));
        boolean created = table.put(new DefinitionTable.Row(name, DefinitionTable.writeKeys(settings), sealed,
                UUID.randomUUID().toString()), clock.instant());
        reload();
        return created;
    }

    /**
     * Deletes a managed sink: its delivery stops here at once (on another instance holding it, within the reload
     * interval), and its position and dead letters are forgotten, as a deleted connection's checkpoint is.
     *
     * @return false when no managed sink has the name
     * @throws ReadOnlySinkException when configuration defines the name
     */
    public synchronized boolean delete(String name) throws SQLException {
        if (sinks.isConfigured(name)) {
            throw new ReadOnlySinkException(name);
        }
        boolean deleted = table.delete(name);
        reload();
        if (deleted) {
            // The runner stopped in reload(); what it wrote after the delete above goes too.
            table.forgetState(name);
        }
        return deleted;
    }

    /** The keys a managed sink was stored with, secrets left out; empty for others. */
    public synchronized Optional<Map<String, String>> settings(String name) {
        try {
            return table.find(name).map(row -> DefinitionTable.readKeys(row.settings()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Which secrets a managed sink holds (their keys, never their values). */
    public synchronized List<String> secretNames(String name) {
        Loaded l = loaded.get(name);
        return l == null ? List.of() : l.secrets();
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warnf("sinks: could not read the managed sinks (trying again in %s): %s",
                    config.connections().reloadEvery(), e.toString());
        }
    }

    /**
     * Reads the table and rebuilds what changed since the last read; tells the sink scheduler if anything did, and
     * closes the sinks it replaced once their runners stopped.
     */
    public synchronized void reload() {
        List<DefinitionTable.Row> rows;
        try {
            rows = table.all();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read managed sinks: " + e.getMessage(), e);
        }
        boolean any = false;
        Map<String, Loaded> next = new LinkedHashMap<>();
        for (DefinitionTable.Row row : rows) {
            if (sinks.isConfigured(row.name())) {
                LOG.warnf("sinks: '%s' is both configured and managed through the API; the configuration wins",
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
            Map<String, String> secrets = row.secrets() == null ? Map.of() : unseal(row, problems);
            keys.putAll(secrets);
            SinkDefinition definition = problems.isEmpty() ? build(row.name(), keys, problems) : null;
            if (definition == null) {
                LOG.errorf("sinks: managed sink '%s' cannot run: %s", row.name(), problems);
                continue;
            }
            next.put(row.name(), new Loaded(row.revision(), definition, List.copyOf(secrets.keySet())));
            any = true;
            LOG.infof("[sink %s] managed sink %s", row.name(), before == null ? "loaded" : "changed");
        }
        List<SinkDefinition> retired = new ArrayList<>();
        for (Map.Entry<String, Loaded> old : loaded.entrySet()) {
            Loaded now = next.get(old.getKey());
            if (now == null || now != old.getValue()) {
                retired.add(old.getValue().definition());
                any = true;
                if (now == null) {
                    LOG.infof("[sink %s] managed sink deleted", old.getKey());
                }
            }
        }
        if (any) {
            loaded.clear();
            loaded.putAll(next);
            Map<String, SinkDefinition> managed = new LinkedHashMap<>();
            next.forEach((name, l) -> managed.put(name, l.definition()));
            sinks.replaceManaged(managed);
            // Observed synchronously: when it returns, the retired sinks' runners have stopped.
            changed.fire(new SinksChanged());
            retired.forEach(d -> d.sink().close());
        }
    }

    private SinkDefinition build(String name, Map<String, String> keys, List<String> problems) {
        MapSinkConfig sink = new MapSinkConfig("gateway.sinks." + name + ".", keys, problems);
        int before = problems.size();
        SinkDefinition definition = sinks.build(name, sink, problems);
        if (problems.size() > before) {
            if (definition != null) {
                definition.sink().close();
            }
            return null;
        }
        return definition;
    }

    private Map<String, String> unseal(DefinitionTable.Row row, List<String> problems) {
        if (cipher.isEmpty()) {
            problems.add("gateway.sinks." + row.name() + ": the stored secrets need the secrets key"
                    + " (gateway.secrets.key or gateway.secrets.key-file), which is not configured");
            return Map.of();
        }
        try {
            return DefinitionTable.readKeys(cipher.get().decrypt(row.secrets(), aad(row.name())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            problems.add("gateway.sinks." + row.name() + ": the stored secrets do not open with the configured"
                    + " gateway.secrets.key (was it changed?); send them again");
            return Map.of();
        }
    }

    /** A sink's secrets are sealed to "sink:<name>", so a connection's of the same name do not open as a sink's. */
    private static String aad(String name) {
        return "sink:" + name;
    }
}
