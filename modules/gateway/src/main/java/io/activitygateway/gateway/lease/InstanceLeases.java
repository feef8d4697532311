package io.activitygateway.gateway.lease;

import io.activitygateway.gateway.config.GatewayConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * This instance's leases, kept in the database's {@code lease} table: renewed in the background every
 * {@code gateway.leases.renew-every}, given up at a clean shutdown, and checked again inside each commit.
 */
@ApplicationScoped
public class InstanceLeases implements Leases {

    private static final Logger LOG = Logger.getLogger(InstanceLeases.class);
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    @Inject
    GatewayConfig config;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    EntityManager em;

    private LeaseTable table;
    private LeaseClaims claims;
    private ScheduledExecutorService renewer;

    @PostConstruct
    void init() {
        GatewayConfig.LeaseSettings settings = config.leases();
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid lease configuration:\n  - " + String.join("\n  - ", problems));
        }
        table = new LeaseTable(dataSource);
        claims = new LeaseClaims(table, clock, settings.instanceId().map(String::strip).orElseGet(
                InstanceLeases::defaultInstanceId), settings.ttl());
    }

    public static List<String> problems(GatewayConfig.LeaseSettings settings) {
        List<String> problems = new ArrayList<>();
        Duration ttl = settings.ttl();
        Duration renew = settings.renewEvery();
        if (ttl.isNegative() || ttl.isZero()) {
            problems.add("gateway.leases.ttl: must be positive, was " + ttl);
        }
        if (renew.isNegative() || renew.isZero()) {
            problems.add("gateway.leases.renew-every: must be positive, was " + renew);
        } else if (renew.multipliedBy(2).compareTo(ttl) > 0) {
            problems.add("gateway.leases.renew-every: must be at most half of gateway.leases.ttl (" + ttl
                    + "), was " + renew + "; otherwise one late renewal loses the lease");
        }
        settings.instanceId().map(String::strip).filter(id -> !INSTANCE_ID.matcher(id).matches()).ifPresent(id ->
                problems.add("gateway.leases.instance-id: '" + id + "' must be 1-64 letters, digits, '.', '_', ':'"
                        + " or '-'"));
        return problems;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        LOG.infof("lease: this instance is %s (ttl %s, renewed every %s)", claims.instance(), claims.ttl(),
                config.leases().renewEvery());
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-renew");
            t.setDaemon(true);
            return t;
        });
        long every = config.leases().renewEvery().toMillis();
        renewer.scheduleWithFixedDelay(claims::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** After the polls stopped (their observer runs first): leave nothing for the next holder to wait for. */
    void onStop(@Observes @Priority(5000) ShutdownEvent event) {
        if (renewer != null) {
            renewer.shutdownNow();
        }
        claims.dropAll();
    }

    @Override
    public boolean holds(String resource) {
        return claims.holds(resource);
    }

    /** Told of each lease this instance takes over, on the renewing thread; keep it short. */
    public void onTaken(java.util.function.Consumer<String> listener) {
        claims.onTaken(listener);
    }

    /** Asks the table again now (after a commit's fence refused): true while this instance holds the lease. */
    public boolean recheck(String resource) {
        return claims.recheck(resource);
    }

    /** Renews every wanted lease now, as the background does every renew interval. */
    void renewNow() {
        claims.renewAll();
    }

    /** Stops wanting the resource (its work is gone, e.g. a deleted connection) and gives the lease up. */
    public void drop(String resource) {
        claims.drop(resource);
    }

    public String instance() {
        return claims.instance();
    }

    /**
     * Inside the transaction that commits the resource's work: extends the lease, or throws when this instance no
     * longer holds it. The UPDATE locks the lease row until the commit, so a takeover waits for this commit to end
     * and every later commit of the old holder fails here.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fence(String resource) {
        Instant now = clock.instant();
        // Over the transaction's own JDBC connection: a Hibernate native query would flush the session first and
        // cost more than the update itself, on every commit.
        int updated = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE lease SET expires_at = ? WHERE resource = ?"
                    + " AND holder = ? AND expires_at >= ?")) {
                s.setObject(1, LeaseTable.utc(now.plus(claims.ttl())));
                s.setString(2, resource);
                s.setString(3, claims.instance());
                s.setObject(4, LeaseTable.utc(now));
                return s.executeUpdate();
            }
        });
        if (updated != 1) {
            throw new LeaseLostException(resource, claims.instance());
        }
    }

    /** Who holds the resource's lease now, as the table says (an expired row counts as nobody). */
    public Optional<LeaseHolder> holder(String resource) {
        try {
            Instant now = clock.instant();
            return table.find(resource).filter(h -> h.expiresAt().isAfter(now));
        } catch (SQLException e) {
            LOG.debugf("lease: could not read the holder of %s: %s", resource, e);
            return Optional.empty();
        }
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
                    .orElse(InetAddress.getLocalHost().getHostName());
        } catch (Exception e) {
            host = "gateway";
        }
        String id = host.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + ProcessHandle.current().pid();
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }
}
