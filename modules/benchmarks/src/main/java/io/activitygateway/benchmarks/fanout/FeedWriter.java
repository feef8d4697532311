package io.activitygateway.benchmarks.fanout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Commits events the way another gateway instance's store does (take the seqs on the feed_head row, whose lock
 * orders batches; insert the rows; on PostgreSQL the one NOTIFY that wakes the gateway's feed reader), so the
 * benchmark knows each event's commit time on its own clock. The events look like real ones (about 700 bytes of
 * JSON each).
 */
final class FeedWriter implements AutoCloseable {

    private static final String INSERT = "INSERT INTO event (id, seq, source, connection, source_event_id, type,"
            + " source_type, occurred_at, occurred_precision, recorded_at, ingested_at, actor_id, actor_name,"
            + " actor_email, object_type, object_id, object_name, object_url, container_type, container_id,"
            + " container_name, container_url, changes, summary) VALUES (?, ?, 'kantata', 'fan-out', ?, 'updated',"
            + " 'story:updated', ?, 'second', ?, ?, ?, ?, ?, 'story', ?, ?, ?, 'workspace', '4711',"
            + " 'Website relaunch', 'https://app.example.com/workspaces/4711', ?, ?)";

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
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_seq FROM feed_head WHERE id = 1")) {
            rs.next();
            long head = rs.getLong(1);
            c.commit();
            return head;
        }
    }

    /**
     * Commits {@code count} events and returns the last seq. Each event's commit time (System.nanoTime when COMMIT
     * returned: the moment the writer knows the event is stored) is put in {@code commitNanos} at {@code seq - base}.
     * A subscriber may read an event before that (it is visible from inside the commit); it then counts as 0 ms.
     */
    long commit(int count, long base, AtomicLongArray commitNanos) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE feed_head SET last_seq = last_seq + " + count + " WHERE id = 1");
        }
        long last;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_seq FROM feed_head WHERE id = 1")) {
            rs.next();
            last = rs.getLong(1);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (long seq = last - count + 1; seq <= last; seq++) {
                String key = "fan-out-" + seq;
                int i = 1;
                insert.setString(i++, String.format("%032x", seq));
                insert.setLong(i++, seq);
                insert.setString(i++, key);
                insert.setObject(i++, now);
                insert.setObject(i++, now);
                insert.setObject(i++, now);
                insert.setString(i++, "person-" + (seq % 97));
                insert.setString(i++, "Person Number " + (seq % 97));
                insert.setString(i++, "person" + (seq % 97) + "@example.com");
                insert.setString(i++, Long.toString(100_000 + seq));
                insert.setString(i++, "Story " + seq + ": make the checkout page load faster");
                insert.setString(i++, "https://app.example.com/stories/" + (100_000 + seq));
                insert.setString(i++, "[{\"field\":\"state\",\"old\":\"started\",\"new\":\"finished\"},"
                        + "{\"field\":\"percent_done\",\"old\":\"60\",\"new\":\"100\"}]");
                insert.setString(i, "Person Number " + (seq % 97) + " finished story " + seq
                        + " (make the checkout page load faster) in Website relaunch");
                insert.addBatch();
            }
            insert.executeBatch();
        }
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
