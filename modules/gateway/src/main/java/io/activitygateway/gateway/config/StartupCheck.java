package io.activitygateway.gateway.config;

import io.activitygateway.gateway.lease.InstanceLeases;
import io.activitygateway.gateway.source.ManagedConnections;
import io.activitygateway.gateway.store.RetentionSchedule;
import io.activitygateway.gateway.sink.Sinks;
import io.activitygateway.gateway.source.Connections;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * The first thing the gateway does at start-up: check the whole configuration and refuse to start with one report
 * of every problem ({@link ConfigReport}), and only then touch the database, by migrating its schema
 * ({@code quarkus.flyway.migrate-at-start} is off so that Flyway cannot run before this check). Every other start-up
 * observer that uses the database runs after this one (priority 0 comes first).
 */
@ApplicationScoped
public class StartupCheck {

    private static final Logger LOG = Logger.getLogger(StartupCheck.class);
    /** A loaded machine may take a while to hand out the first connection; a restart must still come up. */
    private static final int MIGRATION_ATTEMPTS = 6;

    @Inject
    GatewayConfig config;
    @Inject
    Connections connections;
    @Inject
    Instance<Sinks> sinks;
    @Inject
    Instance<Flyway> flyway;

    void onStart(@Observes @Priority(0) StartupEvent event) {
        List<String> problems = new ArrayList<>(ConfigReport.all(config, connections.problems()));
        problems.addAll(InstanceLeases.problems(config.leases()));
        problems.addAll(RetentionSchedule.problems(config.retention()));
        ManagedConnections.cipher(config.secrets(), problems);
        try {
            sinks.get().all();
        } catch (ConfigurationException e) {
            List<String> lines = Arrays.asList(e.getMessage().split("\n  - "));
            problems.addAll(lines.size() > 1 ? lines.subList(1, lines.size()) : lines);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(ConfigReport.format(problems));
        }
        migrate();
    }

    private void migrate() {
        for (int attempt = 1;; attempt++) {
            try {
                flyway.get().migrate();
                return;
            } catch (RuntimeException e) {
                if (attempt >= MIGRATION_ATTEMPTS || !causedBySql(e)) {
                    throw e;
                }
                LOG.warnf("database migration: attempt %d of %d failed (%s); retrying in 5 s", attempt,
                        MIGRATION_ATTEMPTS, rootMessage(e));
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean causedBySql(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
