package io.activitygateway.benchmarks.fanout;

import io.activitygateway.benchmarks.common.StoryRows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Commits events the way another gateway instance's store does ({@link StoryRows}, then on PostgreSQL the one NOTIFY
 * that wakes the gateway's feed reader), so the benchmark knows each event's commit time on its own clock.
 */
final class FeedWriter implements AutoCloseable {

    private final Connection c;
    private final boolean postgres;
    /** The longest COMMIT seen: the database's own share, outside the feed's latency. */
    long commitMaxNanos;

    FeedWriter(String url, String user) throws SQLException {
        c = DriverManager.getConnection(url, user, "");
        postgres = "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
        c.setAutoCommit(false);
    }

    boolean postgres() {
        return postgres;
    }

    long head() throws SQLException {
        return StoryRows.head(c);
    }

    /**
     * Commits {@code count} events and returns the last seq. Each event's commit time (System.nanoTime when COMMIT
     * returned: the moment the writer knows the event is stored) is put in {@code commitNanos} at {@code seq - base}.
     * A subscriber may read an event before that (it is visible from inside the commit); it then counts as 0 ms.
     */
    long commit(int count, long base, AtomicLongArray commitNanos) throws SQLException {
        long last = StoryRows.insert(c, "fan-out", count, seq -> "fan-out-" + seq,
                seq -> Long.toString(100_000 + seq));
        if (postgres) {
            try (Statement s = c.createStatement()) {
                s.execute("NOTIFY activity_gateway_feed, '" + last + "'");
            }
        }
        long sent = System.nanoTime();
        c.commit();
        long done = System.nanoTime();
        commitMaxNanos = Math.max(commitMaxNanos, done - sent);
        for (long seq = last - count + 1; seq <= last; seq++) {
            commitNanos.set((int) (seq - base), done);
        }
        return last;
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
