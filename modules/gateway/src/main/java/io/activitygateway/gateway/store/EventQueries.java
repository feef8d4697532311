package io.activitygateway.gateway.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads stored events. Pages are keyset-based on (occurredAt, seq): a page starts strictly after the previous
 * page's last event, so pages stay stable while new events arrive, at any depth, without OFFSET.
 *
 * <p>Plain JDBC mapped straight onto rows: the rows are read-only, so entity hydration and its session bookkeeping
 * would be pure cost, and the upstream record (the widest column) is read only when asked for.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class EventQueries {

    private static final String COLUMNS = "id, seq, source, connection, source_event_id, type, source_type, "
            + "occurred_at, occurred_precision, recorded_at, ingested_at, actor_id, actor_name, actor_email, "
            + "object_type, object_id, object_name, object_url, container_type, container_id, container_name, "
            + "container_url, changes, summary";

    @Inject
    DataSource dataSource;

    public Optional<EventEntity> byId(String id) {
        List<EventEntity> rows = query("SELECT " + COLUMNS + ", raw FROM event WHERE id = ?", List.of(id), true);
        return rows.stream().findFirst();
    }

    /** Up to {@code limit} events after {@code after} (null: from the start) in the given order, with raw. */
    public List<EventEntity> page(EventFilter filter, EventOrder order, PagePosition after, int limit) {
        return page(filter, order, after, limit, true);
    }

    /** Up to {@code limit} events after {@code after} (null: from the start); raw only if {@code withRaw}. */
    public List<EventEntity> page(EventFilter filter, EventOrder order, PagePosition after, int limit,
            boolean withRaw) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        where(filter, where, params);
        boolean desc = order == EventOrder.OCCURRED_DESC;
        if (after != null) {
            // Written as a range on the index's first column plus a tie-break, which every database plans well.
            String cmp = desc ? "<" : ">";
            where.add("occurred_at " + cmp + "= ? AND (occurred_at " + cmp + " ? OR seq " + cmp + " ?)");
            params.add(time(after.occurredAt()));
            params.add(time(after.occurredAt()));
            params.add(after.seq());
        }
        String direction = desc ? "DESC" : "ASC";
        params.add(limit);
        return query("SELECT " + COLUMNS + (withRaw ? ", raw" : "") + " FROM event" + clause(where)
                + " ORDER BY occurred_at " + direction + ", seq " + direction + " LIMIT ?", params, withRaw);
    }

    /**
     * Up to {@code limit} matching events with {@code after < seq <= upTo}, in seq (commit) order, without raw; the
     * feed's read.
     */
    public List<EventEntity> bySeq(EventFilter filter, long after, long upTo, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        where(filter, where, params);
        where.add("seq > ? AND seq <= ?");
        params.add(after);
        params.add(upTo);
        params.add(limit);
        return query("SELECT " + COLUMNS + " FROM event" + clause(where) + " ORDER BY seq LIMIT ?", params, false);
    }

    private static String clause(List<String> where) {
        return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    }

    private static void where(EventFilter filter, List<String> where, List<Object> params) {
        in(where, params, "source", filter.source());
        in(where, params, "connection", filter.connection());
        in(where, params, "type", filter.type());
        in(where, params, "source_type", filter.sourceType());
        in(where, params, "object_type", filter.objectType());
        in(where, params, "object_id", filter.objectId());
        in(where, params, "actor_id", filter.actorId());
        in(where, params, "container_id", filter.containerId());
        if (filter.since() != null) {
            where.add("occurred_at >= ?");
            params.add(time(filter.since()));
        }
        if (filter.until() != null) {
            where.add("occurred_at < ?");
            params.add(time(filter.until()));
        }
        if (filter.text() != null) {
            // The same test as EventFilter.matches: the summary, lower-cased, contains the text literally.
            where.add("lower(summary) LIKE ? ESCAPE '!'");
            params.add("%" + filter.text().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
    }

    /**
     * Matching events per source and per time bucket: rows of (source, bucket number, count), where bucket number
     * {@code n} covers {@code [n * bucketSeconds, (n + 1) * bucketSeconds)} seconds since the epoch. Only buckets
     * that hold events are returned.
     */
    public List<Object[]> countsPerBucket(EventFilter filter, long bucketSeconds) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        where(filter, where, params);
        // A literal, not a parameter: PostgreSQL only groups by an expression it can see is the selected one.
        String bucket = "floor(extract(epoch from occurred_at) / " + bucketSeconds + ")";
        String sql = "SELECT source, " + bucket + ", count(*) FROM event" + clause(where) + " GROUP BY source, "
                + bucket;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3)});
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("counting events failed: " + e.getMessage(), e);
        }
    }

    private static void in(List<String> where, List<Object> params, String column, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        if (values.size() == 1) {
            where.add(column + " = ?");
        } else {
            where.add(column + " IN (" + "?, ".repeat(values.size() - 1) + "?)");
        }
        params.addAll(values);
    }

    private static OffsetDateTime time(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private List<EventEntity> query(String sql, List<?> params, boolean withRaw) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            List<EventEntity> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs, withRaw));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading events failed: " + e.getMessage(), e);
        }
    }

    private static EventEntity row(ResultSet rs, boolean withRaw) throws SQLException {
        EventEntity e = EventEntity.untracked();
        e.id = rs.getString(1);
        e.seq = rs.getLong(2);
        e.source = rs.getString(3);
        e.connection = rs.getString(4);
        e.sourceEventId = rs.getString(5);
        e.type = rs.getString(6);
        e.sourceType = rs.getString(7);
        e.occurredAt = instant(rs, 8);
        e.occurredPrecision = rs.getString(9);
        e.recordedAt = instant(rs, 10);
        e.ingestedAt = instant(rs, 11);
        e.actorId = rs.getString(12);
        e.actorName = rs.getString(13);
        e.actorEmail = rs.getString(14);
        e.objectType = rs.getString(15);
        e.objectId = rs.getString(16);
        e.objectName = rs.getString(17);
        e.objectUrl = rs.getString(18);
        e.containerType = rs.getString(19);
        e.containerId = rs.getString(20);
        e.containerName = rs.getString(21);
        e.containerUrl = rs.getString(22);
        e.changes = rs.getString(23);
        e.summary = rs.getString(24);
        if (withRaw) {
            e.raw = rs.getString(25);
        }
        return e;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
