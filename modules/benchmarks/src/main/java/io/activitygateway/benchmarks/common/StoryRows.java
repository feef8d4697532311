package io.activitygateway.benchmarks.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.LongFunction;

/**
 * Synthetic Kantata story updates written straight into a store the gateway migrated, the way its own commit writes
 * events: the seqs taken on the feed_head row (whose lock orders batches), the rows inserted in one batch, in the
 * caller's transaction. Each event is about 700 bytes of JSON, as a real one.
 */
public final class StoryRows {

    private static final String INSERT = "INSERT INTO event (id, seq, source, connection, source_event_id, type,"
            + " source_type, occurred_at, occurred_precision, recorded_at, ingested_at, actor_id, actor_name,"
            + " actor_email, object_type, object_id, object_name, object_url, container_type, container_id,"
            + " container_name, container_url, changes, summary) VALUES (?, ?, 'kantata', ?, ?, 'updated',"
            + " 'story:updated', ?, 'second', ?, ?, ?, ?, ?, 'story', ?, ?, ?, 'workspace', '4711',"
            + " 'Website relaunch', 'https://app.example.com/workspaces/4711', ?, ?)";

    private StoryRows() {
    }

    /** The event id of a written seq, as a consumer sees it. */
    public static String id(long seq) {
        return String.format("%032x", seq);
    }

    /** The head now (committing the read, so a later batch's lock is not held up by it). */
    public static long head(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT last_seq FROM feed_head WHERE id = 1")) {
            rs.next();
            long head = rs.getLong(1);
            c.commit();
            return head;
        }
    }

    /**
     * Takes {@code count} seqs and inserts their events, uncommitted; returns the last seq.
     *
     * @param sourceEventId the vendor's id of a seq's event
     * @param objectId      the story a seq's event is about
     */
    public static long insert(Connection c, String connection, int count, LongFunction<String> sourceEventId,
            LongFunction<String> objectId) throws SQLException {
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
                String person = Long.toString(seq % 97);
                String object = objectId.apply(seq);
                int i = 1;
                insert.setString(i++, id(seq));
                insert.setLong(i++, seq);
                insert.setString(i++, connection);
                insert.setString(i++, sourceEventId.apply(seq));
                insert.setObject(i++, now);
                insert.setObject(i++, now);
                insert.setObject(i++, now);
                insert.setString(i++, "person-" + person);
                insert.setString(i++, "Person Number " + person);
                insert.setString(i++, "person" + person + "@example.com");
                insert.setString(i++, object);
                insert.setString(i++, "Story " + object + ": make the checkout page load faster");
                insert.setString(i++, "https://app.example.com/stories/" + object);
                insert.setString(i++, "[{\"field\":\"state\",\"old\":\"started\",\"new\":\"finished\"},"
                        + "{\"field\":\"percent_done\",\"old\":\"60\",\"new\":\"100\"}]");
                insert.setString(i, "Person Number " + person + " finished story " + object
                        + " (make the checkout page load faster) in Website relaunch");
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return last;
    }
}
