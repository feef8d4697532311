package io.activitygateway.gateway.auth;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.config.GatewayConfig.Auth.AccessMode;
import io.activitygateway.gateway.config.SecretSettings;
import io.activitygateway.spi.Secret;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes sure at start-up that the gateway never runs open by accident: with access control on (the default) it
 * stores the bootstrap key, if one is configured, and refuses to start while no key exists at all; running open is
 * only ever the explicit {@code gateway.auth.mode=open}, and is announced loudly.
 */
@ApplicationScoped
public class AccessControl {

    static final int MIN_BOOTSTRAP_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(AccessControl.class);
    private static final String PREFIX = "gateway.auth.";

    @Inject
    GatewayConfig config;
    @Inject
    ApiKeys keys;
    @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0")
    String host;
    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    /** Before polling starts: a gateway that cannot be used safely should not begin to collect data. */
    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (config.auth().mode() == AccessMode.OPEN) {
            warnOpen();
            return;
        }
        bootstrapKey().ifPresent(this::storeBootstrap);
        long active = keys.activeCount();
        if (active == 0) {
            throw new ConfigurationException("Access control is on (gateway.auth.mode=keys) but no API key exists yet."
                    + " Set gateway.auth.bootstrap-key-file (or gateway.auth.bootstrap-key) to a secret of at least "
                    + MIN_BOOTSTRAP_LENGTH + " characters to create the first admin key, e.g. `openssl rand -hex 32`;"
                    + " or, for a demo on your own machine only, set gateway.auth.mode=open.");
        }
        LOG.infof("access control: on, %d active API key(s); every /api and /q call needs a key", active);
    }

    private Optional<Secret> bootstrapKey() {
        List<String> problems = new ArrayList<>();
        Optional<Secret> secret = SecretSettings.read(PREFIX, "bootstrap-key", config.auth().bootstrapKey(),
                config.auth().bootstrapKeyFile(), problems);
        secret.ifPresent(s -> {
            String key = config.auth().bootstrapKeyFile().isPresent() ? "bootstrap-key-file" : "bootstrap-key";
            if (s.reveal().length() < MIN_BOOTSTRAP_LENGTH) {
                problems.add(PREFIX + key + ": the key has " + s.reveal().length() + " characters; it needs at least "
                        + MIN_BOOTSTRAP_LENGTH + " (e.g. `openssl rand -hex 32`)");
            } else if (s.reveal().chars().anyMatch(Character::isWhitespace)) {
                problems.add(PREFIX + key + ": the key must not contain whitespace");
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid access control configuration:\n  - "
                    + String.join("\n  - ", problems));
        }
        return secret;
    }

    private void storeBootstrap(Secret secret) {
        boolean stored;
        try {
            stored = keys.storeBootstrap(secret.reveal());
        } catch (PersistenceException e) {
            // Another instance stored the same key at the same moment: the unique hash refused the second row.
            stored = false;
        }
        if (stored) {
            LOG.info("access control: stored the bootstrap key from configuration as an admin key named 'bootstrap'"
                    + " (only its hash is kept; a bootstrap key stored before it is revoked)");
        } else if (keys.isRevoked(secret.reveal())) {
            LOG.warn("access control: the configured bootstrap key was revoked and stays revoked; remove it from the"
                    + " configuration");
        }
    }

    private void warnOpen() {
        String banner = "*".repeat(100);
        LOG.warn(banner);
        LOG.warnf("ACCESS CONTROL IS OFF (gateway.auth.mode=open): anyone who can reach %s:%d reads every event,"
                + " every actor's e-mail, and may poll sources and manage keys. For demos and trials on your own"
                + " machine only.", host, port);
        if (!isLoopback(host)) {
            LOG.warnf("The API listens on %s, not only on this machine (quarkus.http.host). Do not run open there.",
                    host);
        }
        LOG.warn(banner);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
