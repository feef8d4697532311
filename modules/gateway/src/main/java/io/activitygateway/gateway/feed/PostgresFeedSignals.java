package io.activitygateway.gateway.feed;

import io.activitygateway.gateway.store.EventStore;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes the feed readers of the other gateway instances on the same PostgreSQL database. Each committed batch sends
 * one NOTIFY (PostgreSQL takes a cluster-wide lock for it at commit, so never more), carrying the batch's last seq,
 * from the statement that inserts its events ({@link EventStore#FEED_CHANNEL}); each instance LISTENs on a
 * dedicated connection and wakes its reader, which then reads the store: the notification is only a wake-up, the
 * store stays the truth. On H2 (one instance) nothing happens here.
 */
@ApplicationScoped
public class PostgresFeedSignals {

    static final String CHANNEL = EventStore.FEED_CHANNEL;
    private static final Logger LOG = Logger.getLogger(PostgresFeedSignals.class);
    private static final int WAIT_MILLIS = 1000;
    private static final long VALIDATE_NANOS = 30_000_000_000L;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    FeedReader reader;

    private final DaemonThread thread = new DaemonThread();
    private volatile boolean postgres;

    /** Finds out what database this is and, on PostgreSQL, starts listening. */
    void start() {
        try (Connection c = dataSource.getConnection()) {
            postgres = "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            LOG.warnf(e, "feed: could not tell the database kind; assuming one instance (no LISTEN/NOTIFY)");
        }
        if (postgres) {
            thread.start("feed-listen", this::listen);
        }
    }

    void stop() {
        thread.stop();
    }

    private void listen() {
        long backoff = 500;
        while (thread.running()) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                LOG.debugf("feed: listening on %s", CHANNEL);
                // Whatever was committed while nobody listened is read now.
                reader.wake();
                backoff = 500;
                try {
                    receive(c, pg);
                } finally {
                    unlisten(c, pg);
                }
            } catch (SQLException | RuntimeException e) {
                if (!thread.running()) {
                    return;
                }
                LOG.warnf("feed: LISTEN connection failed (%s); reconnecting in %d ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stop) {
                    return;
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    private void receive(Connection c, PGConnection pg) throws SQLException {
        long validated = System.nanoTime();
        while (thread.running()) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                reader.wake();
            }
            if (System.nanoTime() - validated > VALIDATE_NANOS) {
                // A silently dropped connection never delivers again; checking it now and then finds out.
                if (!c.isValid(5)) {
                    throw new SQLException("the LISTEN connection is no longer valid");
                }
                validated = System.nanoTime();
            }
        }
    }

    /** The connection goes back to the pool: it must not keep listening there. */
    private static void unlisten(Connection c, PGConnection pg) {
        try (Statement s = c.createStatement()) {
            s.execute("UNLISTEN *");
            pg.getNotifications();
        } catch (SQLException e) {
            // The connection is broken; the pool finds out when it validates it.
        }
    }
}
