package io.activitygateway.gateway.feed;

import io.activitygateway.model.EventIds;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Commits a batch of events over plain JDBC the way another gateway instance's EventStore does: take the seqs by
 * updating the feed_head row (whose lock orders batches), insert the rows and, on PostgreSQL, send the one NOTIFY.
 * Run as a main class it is that other instance in a process of its own:
 * {@code OtherInstance <jdbc-url> <user> <connection> <count>} prints the ids it committed, one a line.
 */
final class OtherInstance {

    private OtherInstance() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], args[1], "")) {
            List<String> ids = begin(c, args[2], Integer.parseInt(args[3]), true);
            c.commit();
            ids.forEach(System.out::println);
        }
    }

    /** Takes seqs and inserts {@code count} events in a transaction left open; the caller commits. */
    static List<String> begin(Connection c, String connection, int count, boolean notify) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE feed_head SET last_seq = last_seq + " + count + " WHERE id = 1");
        }
        long last;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT last_seq FROM feed_head WHERE id = 1")) {
            rs.next();
            last = rs.getLong(1);
        }
        List<String> ids = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO event (id, seq, source, connection,"
                + " source_event_id, type, source_type, occurred_at, occurred_precision, ingested_at, actor_id,"
                + " object_type, object_id, changes, summary) VALUES (?, ?, 'scripted', ?, ?, 'created',"
                + " 'thing:created', ?, 'second', ?, 'u1', 'thing', ?, '[]', '')")) {
            for (int i = 0; i < count; i++) {
                long seq = last - count + 1 + i;
                String key = "other-" + seq;
                String id = EventIds.of(connection, key);
                insert.setString(1, id);
                insert.setLong(2, seq);
                insert.setString(3, connection);
                insert.setString(4, key);
                insert.setObject(5, now);
                insert.setObject(6, now);
                insert.setString(7, "t-" + key);
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
        }
        if (notify) {
            try (Statement s = c.createStatement()) {
                s.execute("NOTIFY " + PostgresFeedSignals.CHANNEL + ", '" + last + "'");
            }
        }
        return ids;
    }
}
