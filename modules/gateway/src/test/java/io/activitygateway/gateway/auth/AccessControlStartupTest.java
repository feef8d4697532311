package io.activitygateway.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.config.GatewayConfig.Auth.AccessMode;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway never runs open by accident: with access control on, it starts only with a key to be used. */
class AccessControlStartupTest {

    private static final String GOOD_KEY = "0123456789abcdef0123456789abcdef0123";

    /** The stored keys, without a database: how many are active, and which bootstrap keys were stored. */
    private static final class StoredKeys extends ApiKeys {
        long active;
        final List<String> bootstraps = new ArrayList<>();

        @Override
        public long activeCount() {
            return active;
        }

        @Override
        boolean storeBootstrap(String secret) {
            bootstraps.add(secret);
            active++;
            return true;
        }

        @Override
        boolean isRevoked(String secret) {
            return false;
        }
    }

    private final StoredKeys keys = new StoredKeys();

    private AccessControl control(AccessMode mode, Optional<String> key, Optional<Path> file) {
        GatewayConfig.Auth auth = (GatewayConfig.Auth) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { GatewayConfig.Auth.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "mode" -> mode;
                    case "bootstrapKey" -> key;
                    case "bootstrapKeyFile" -> file;
                    case "streamTokenTtl" -> Duration.ofMinutes(5);
                    case "recheckInterval" -> Duration.ofSeconds(30);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        AccessControl control = new AccessControl();
        control.config = (GatewayConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { GatewayConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("auth")) {
                        return auth;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        control.keys = keys;
        control.host = "127.0.0.1";
        control.port = 8080;
        return control;
    }

    @Test
    void withoutAnyKeyTheStartStopsAndSaysWhatToSet() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> control(AccessMode.KEYS, Optional.empty(), Optional.empty()).onStart(null));
        assertTrue(e.getMessage().contains("gateway.auth.bootstrap-key-file"), e.getMessage());
        assertTrue(e.getMessage().contains("gateway.auth.mode=open"), e.getMessage());
    }

    @Test
    void aStoredKeyIsEnoughToStart() {
        keys.active = 2;
        assertDoesNotThrow(() -> control(AccessMode.KEYS, Optional.empty(), Optional.empty()).onStart(null));
        assertEquals(List.of(), keys.bootstraps);
    }

    @Test
    void theBootstrapKeyIsStoredFromConfigurationOrAFile(@TempDir Path dir) throws Exception {
        control(AccessMode.KEYS, Optional.of(GOOD_KEY), Optional.empty()).onStart(null);
        Path file = Files.writeString(dir.resolve("bootstrap-key"), "  " + GOOD_KEY + "x\n");
        control(AccessMode.KEYS, Optional.empty(), Optional.of(file)).onStart(null);
        assertEquals(List.of(GOOD_KEY, GOOD_KEY + "x"), keys.bootstraps, "trimmed, as secret files are");
    }

    @Test
    void aWeakOrAmbiguousBootstrapKeyStopsTheStartNamingTheKey(@TempDir Path dir) throws Exception {
        ConfigurationException shortKey = assertThrows(ConfigurationException.class,
                () -> control(AccessMode.KEYS, Optional.of("REPLACE-ME"), Optional.empty()).onStart(null));
        assertTrue(shortKey.getMessage().contains("gateway.auth.bootstrap-key: the key has 10 characters; it needs"
                + " at least 32"), shortKey.getMessage());
        Path file = Files.writeString(dir.resolve("k"), GOOD_KEY);
        ConfigurationException both = assertThrows(ConfigurationException.class,
                () -> control(AccessMode.KEYS, Optional.of(GOOD_KEY), Optional.of(file)).onStart(null));
        assertTrue(both.getMessage().contains("set either bootstrap-key or bootstrap-key-file"), both.getMessage());
        ConfigurationException missing = assertThrows(ConfigurationException.class,
                () -> control(AccessMode.KEYS, Optional.empty(), Optional.of(dir.resolve("nope"))).onStart(null));
        assertTrue(missing.getMessage().contains("gateway.auth.bootstrap-key-file: cannot read"),
                missing.getMessage());
        assertEquals(List.of(), keys.bootstraps);
    }

    @Test
    void runningOpenIsAnExplicitChoiceThatNeedsNoKey() {
        assertDoesNotThrow(() -> control(AccessMode.OPEN, Optional.empty(), Optional.empty()).onStart(null));
        assertEquals(List.of(), keys.bootstraps);
    }
}
