package io.activitygateway.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The event rows of one commit, written over plain JDBC on the transaction's own connection: no entity persist and
 * no lookup per event. The feed_head row is locked when seqs are handed out and held to the end of the transaction,
 * so seqs are handed out in commit order; a row whose id is already stored is skipped and takes no seq.
 *
 * <p>PostgreSQL: one statement (one round trip) numbers and inserts the new rows ({@code INSERT ... SELECT FROM
 * unnest(arrays)}, the arrays sent in binary form), moves the head, writes the checkpoint and queues the feed's
 * NOTIFY, so the head stays locked only for that statement and the commit. H2: a primary-key probe per row
 * (in-process, microseconds), then one JDBC batch of the new rows; the caller writes the checkpoint.
 */
final class EventInserts {

    private static final String COLUMNS = "id, seq, source, connection, source_event_id, type, source_type, "
            + "occurred_at, occurred_precision, recorded_at, ingested_at, actor_id, actor_name, actor_email, "
            + "object_type, object_id, object_name, object_url, container_type, container_id, container_name, "
            + "container_url, changes, summary, raw";

    /** The per-row columns after id, as (name, SQL array type, value): seq, source and connection are per batch. */
    private record Column(String name, String type, Function<EventEntity, Object> value) {
    }

    private static final List<Column> PER_ROW = List.of(
            new Column("source_event_id", "text", e -> e.sourceEventId),
            new Column("type", "text", e -> e.type),
            new Column("source_type", "text", e -> e.sourceType),
            new Column("occurred_at", "timestamptz", e -> e.occurredAt),
            new Column("occurred_precision", "text", e -> e.occurredPrecision),
            new Column("recorded_at", "timestamptz", e -> e.recordedAt),
            new Column("actor_id", "text", e -> e.actorId),
            new Column("actor_name", "text", e -> e.actorName),
            new Column("actor_email", "text", e -> e.actorEmail),
            new Column("object_type", "text", e -> e.objectType),
            new Column("object_id", "text", e -> e.objectId),
            new Column("object_name", "text", e -> e.objectName),
            new Column("object_url", "text", e -> e.objectUrl),
            new Column("container_type", "text", e -> e.containerType),
            new Column("container_id", "text", e -> e.containerId),
            new Column("container_name", "text", e -> e.containerName),
            new Column("container_url", "text", e -> e.containerUrl),
            new Column("changes", "text", e -> e.changes),
            new Column("summary", "text", e -> e.summary),
            new Column("raw", "text", e -> e.raw));

    private static final String POSTGRES_INSERT = postgresInsert();

    private EventInserts() {
    }

    /**
     * What a commit stored.
     *
     * @param checkpointed whether the statement also wrote the checkpoint (PostgreSQL, when the connection's
     *                     source_state row exists); otherwise the caller writes it
     */
    record Stored(List<EventEntity> rows, long previousHead, boolean checkpointed) {
    }

    /** The connection's checkpoint, as the commit writes it. */
    record CheckpointRow(String checkpoint, Instant at) {
    }

    /**
     * Stores those of {@code rows} (distinct ids, batch order) not stored yet, with seqs after the current head, and
     * moves the head to the last one. The rows that were stored get their seq set and are returned, in seq order.
     */
    static Stored insert(Connection c, boolean postgres, String source, String connection, List<EventEntity> rows,
            Instant ingestedAt, CheckpointRow checkpoint) throws SQLException {
        if (postgres) {
            return insertPostgres(c, source, connection, rows, ingestedAt, checkpoint);
        }
        long head = lockHead(c);
        List<EventEntity> stored = insertH2(c, rows, head);
        if (!stored.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE feed_head SET last_seq = ? WHERE id = 1")) {
                s.setLong(1, stored.get(stored.size() - 1).seq);
                s.executeUpdate();
            }
        }
        return new Stored(stored, head, false);
    }

    /** Locks the feed_head row until the transaction ends (an update, which both databases lock alike). */
    private static long lockHead(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE feed_head SET last_seq = last_seq WHERE id = 1")) {
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT last_seq FROM feed_head WHERE id = 1");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * One statement, so that the feed_head row is locked only for this statement and the commit after it (other
     * connections' commits wait for that lock): the rows not stored yet are numbered after the head ({@code fresh},
     * stored ones left out before they are numbered, so re-reads make no seq gaps), the head moves past them (the
     * update takes the lock, and reads the head anew if it had to wait), they are inserted ({@code ON CONFLICT}
     * covers a concurrent writer of the same id, whose rows leave gaps), the checkpoint is written, and the feed's
     * NOTIFY is queued (delivered at commit). The head is not touched when nothing is new. The first row gives the
     * head before and whether the checkpoint row was there; the others are the stored rows' id and seq.
     */
    private static String postgresInsert() {
        StringBuilder arrays = new StringBuilder("?::text[]");
        StringBuilder names = new StringBuilder("id");
        StringBuilder select = new StringBuilder("f.id, h.before + f.n, ?, ?");
        for (Column column : PER_ROW) {
            arrays.append(", ?::").append(column.type()).append("[]");
            names.append(", ").append(column.name());
            select.append(", f.").append(column.name());
            if (column.name().equals("recorded_at")) {
                select.append(", ?::timestamptz"); // ingested_at, one per batch
            }
        }
        return "WITH fresh AS (SELECT u.*, row_number() OVER (ORDER BY u.ord) AS n FROM unnest(" + arrays
                + ") WITH ORDINALITY AS u(" + names + ", ord) WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e.id = u.id)),"
                + " head AS (UPDATE feed_head SET last_seq = last_seq + (SELECT count(*) FROM fresh)"
                + " WHERE id = 1 AND EXISTS (SELECT 1 FROM fresh)"
                + " RETURNING last_seq - (SELECT count(*) FROM fresh) AS before),"
                + " stored AS (INSERT INTO event (" + COLUMNS + ") SELECT " + select + " FROM fresh f CROSS JOIN head h"
                + " ON CONFLICT (id) DO NOTHING RETURNING id, seq),"
                + " state AS (UPDATE source_state SET checkpoint = ?, checkpoint_at = ?::timestamptz,"
                + " events_ingested = events_ingested + (SELECT count(*) FROM stored) WHERE connection = ? RETURNING 1),"
                + " notified AS (SELECT pg_notify(?, last::text) FROM (SELECT max(seq) AS last FROM stored) m"
                + " WHERE last IS NOT NULL)"
                + " SELECT NULL::text, (SELECT before FROM head), (SELECT count(*) FROM state), (SELECT count(*) FROM notified)"
                + " UNION ALL SELECT id, seq, NULL, NULL FROM stored";
    }

    private static Stored insertPostgres(Connection c, String source, String connection, List<EventEntity> rows,
            Instant ingestedAt, CheckpointRow checkpoint) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(POSTGRES_INSERT)) {
            int i = 1;
            // A String[] is sent in PostgreSQL's binary array form (lengths and UTF-8 bytes); createArrayOf would
            // build the text literal, quoting and escaping every character of every value (the raw JSON above all).
            s.setObject(i++, array(rows, e -> e.id));
            for (Column column : PER_ROW) {
                s.setObject(i++, array(rows, column.value()));
            }
            s.setString(i++, source);
            s.setString(i++, connection);
            s.setTimestamp(i++, Timestamp.from(ingestedAt));
            s.setString(i++, checkpoint.checkpoint());
            s.setTimestamp(i++, Timestamp.from(checkpoint.at()));
            s.setString(i++, connection);
            s.setString(i++, EventStore.FEED_CHANNEL);
            long before = 0;
            boolean checkpointed = false;
            Map<String, Long> seqs = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (id == null) {
                        before = rs.getLong(2);
                        checkpointed = rs.getLong(3) > 0;
                    } else {
                        seqs.put(id, rs.getLong(2));
                    }
                }
            }
            List<EventEntity> stored = new ArrayList<>(seqs.size());
            for (EventEntity row : rows) {
                Long seq = seqs.get(row.id);
                if (seq != null) {
                    row.seq = seq;
                    stored.add(row);
                }
            }
            stored.sort((a, b) -> Long.compare(a.seq, b.seq));
            return new Stored(stored, before, checkpointed);
        }
    }

    private static String[] array(List<EventEntity> rows, Function<EventEntity, Object> value) {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            Object v = value.apply(rows.get(i));
            values[i] = v == null ? null : v.toString(); // Instant: ISO-8601 in UTC, which PostgreSQL reads as is
        }
        return values;
    }

    private static List<EventEntity> insertH2(Connection c, List<EventEntity> rows, long head) throws SQLException {
        List<EventEntity> fresh = new ArrayList<>(rows.size());
        try (PreparedStatement probe = c.prepareStatement("SELECT 1 FROM event WHERE id = ?")) {
            for (EventEntity row : rows) {
                probe.setString(1, row.id);
                try (ResultSet rs = probe.executeQuery()) {
                    if (!rs.next()) {
                        fresh.add(row);
                    }
                }
            }
        }
        if (fresh.isEmpty()) {
            return Collections.emptyList();
        }
        long seq = head;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO event (" + COLUMNS + ") VALUES ("
                + "?, ".repeat(24) + "?)")) {
            for (EventEntity e : fresh) {
                e.seq = ++seq;
                int i = 1;
                s.setString(i++, e.id);
                s.setLong(i++, e.seq);
                s.setString(i++, e.source);
                s.setString(i++, e.connection);
                for (Column column : PER_ROW) {
                    Object v = column.value().apply(e);
                    if (column.type().equals("timestamptz")) {
                        s.setObject(i++, v == null ? null : ((Instant) v).atOffset(java.time.ZoneOffset.UTC),
                                Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        s.setString(i++, (String) v);
                    }
                    if (column.name().equals("recorded_at")) {
                        s.setObject(i++, e.ingestedAt.atOffset(java.time.ZoneOffset.UTC),
                                Types.TIMESTAMP_WITH_TIMEZONE);
                    }
                }
                s.addBatch();
            }
            s.executeBatch();
        }
        return fresh;
    }
}
