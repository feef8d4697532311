package io.activitygateway.benchmarks.delivery;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Fills a gateway's store (already migrated by the gateway) with events the way its commit does: seqs taken on the
 * feed_head row, rows inserted in batches. Each event is about 700 bytes of JSON; its object is one of
 * {@code objects}, so every object has a history whose order a consumer can check.
 */
final class StoreSeeder {

    private static final String INSERT = "INSERT INTO event (id, seq, source, connection, source_event_id, type,"
            + " source_type, occurred_at, occurred_precision, recorded_at, ingested_at, actor_id, actor_name,"
            + " actor_email, object_type, object_id, object_name, object_url, container_type, container_id,"
            + " container_name, container_url, changes, summary) VALUES (?, ?, 'kantata', 'delivery', ?, 'updated',"
            + " 'story:updated', ?, 'second', ?, ?, ?, ?, ?, 'story', ?, ?, ?, 'workspace', '4711',"
            + " 'Website relaunch', 'https://app.example.com/workspaces/4711', ?, ?)";

    private StoreSeeder() {
    }

    /** The event id of a seeded seq, as a consumer sees it. */
    static String id(long seq) {
        return String.format("%032x", seq);
    }

    /** The object (record key's last part) of a seeded seq. */
    static String objectId(long seq, int objects) {
        return Long.toString(100_000 + seq % objects);
    }

    /** Appends {@code count} events; returns the head afterwards. */
    static long seed(String url, String user, long count, int objects) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.setAutoCommit(false);
            long done = 0;
            long head = 0;
            while (done < count) {
                int n = (int) Math.min(5000, count - done);
                head = commit(c, n, objects);
                done += n;
            }
            return head;
        }
    }

    private static long commit(Connection c, int count, int objects) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE feed_head SET last_seq = last_seq + " + count + " WHERE id = 1");
        }
        long last;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT last_seq FROM feed_head WHERE id = 1")) {
            rs.next();
            last = rs.getLong(1);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (long seq = last - count + 1; seq <= last; seq++) {
                int i = 1;
                insert.setString(i++, id(seq));
                insert.setLong(i++, seq);
                insert.setString(i++, "delivery-" + seq);
                insert.setObject(i++, now);
                insert.setObject(i++, now);
                insert.setObject(i++, now);
                insert.setString(i++, "person-" + (seq % 97));
                insert.setString(i++, "Person Number " + (seq % 97));
                insert.setString(i++, "person" + (seq % 97) + "@example.com");
                String object = objectId(seq, objects);
                insert.setString(i++, object);
                insert.setString(i++, "Story " + object + ": make the checkout page load faster");
                insert.setString(i++, "https://app.example.com/stories/" + object);
                insert.setString(i++, "[{\"field\":\"state\",\"old\":\"started\",\"new\":\"finished\"},"
                        + "{\"field\":\"percent_done\",\"old\":\"60\",\"new\":\"100\"}]");
                insert.setString(i, "Person Number " + (seq % 97) + " finished story " + object
                        + " (make the checkout page load faster) in Website relaunch");
                insert.addBatch();
            }
            insert.executeBatch();
        }
        c.commit();
        return last;
    }
}
