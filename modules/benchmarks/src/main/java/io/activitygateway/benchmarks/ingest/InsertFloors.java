package io.activitygateway.benchmarks.ingest;

import io.activitygateway.benchmarks.common.ProcStat;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.postgresql.PGConnection;

/**
 * The floors of ingest: the rows the gateway stored, inserted again by the simplest code that could, into tables with
 * the same columns and indexes, in the same run: a plain JDBC batch (200 rows a batch, a commit each, as the
 * gateway's pages), and on PostgreSQL {@code COPY} (the physical limit). Rows are read back in chunks outside the
 * timed part; only the inserts are timed and their CPU counted (the client thread's, and the inserting backend's).
 */
final class InsertFloors {

    static final int BATCH = 200;
    private static final int CHUNK = 10_000;

    /** One floor's figures. */
    record Floor(String name, long rows, long nanos, long clientCpuMillis, long dbCpuMillis) {

        double eventsPerSecond() {
            return rows / (nanos / 1e9);
        }

        double cpuPer1000() {
            return (clientCpuMillis + dbCpuMillis) * 1000.0 / rows;
        }
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean postgres;

    InsertFloors(boolean postgres) {
        this.postgres = postgres;
    }

    /** Both floors (JDBC batch; COPY on PostgreSQL), chunk by chunk, interleaved so both meet the same load. */
    List<Floor> measure(Connection source, Connection target) throws SQLException, IOException {
        List<String> columns = columns(source);
        copyShape(target, "event_floor_jdbc");
        if (postgres) {
            copyShape(target, "event_floor_copy");
        }
        target.setAutoCommit(false);
        long targetPid = postgres ? backendPid(target) : -1;
        String insert = "INSERT INTO event_floor_jdbc (" + String.join(", ", columns) + ") VALUES ("
                + "?, ".repeat(columns.size() - 1) + "?)";
        long[] jdbc = new long[4];
        long[] copy = new long[4];
        long after = Long.MIN_VALUE;
        try (PreparedStatement read = source.prepareStatement("SELECT " + String.join(", ", columns)
                + " FROM event WHERE seq > ? ORDER BY seq LIMIT " + CHUNK)) {
            while (true) {
                List<Object[]> rows = new ArrayList<>(CHUNK);
                List<String> csv = new ArrayList<>(CHUNK);
                read.setLong(1, after);
                try (ResultSet rs = read.executeQuery()) {
                    int seqIndex = columns.indexOf("seq") + 1;
                    while (rs.next()) {
                        Object[] row = new Object[columns.size()];
                        StringBuilder line = new StringBuilder(512);
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getObject(i + 1);
                            if (postgres) {
                                line.append(i == 0 ? "" : ",").append(csvField(rs.getString(i + 1)));
                            }
                        }
                        rows.add(row);
                        if (postgres) {
                            csv.add(line.append('\n').toString());
                        }
                        after = rs.getLong(seqIndex);
                    }
                }
                if (rows.isEmpty()) {
                    break;
                }
                timed(jdbc, targetPid, () -> batchInsert(target, insert, rows));
                if (postgres) {
                    String block = String.join("", csv);
                    timed(copy, targetPid, () -> copyIn(target, columns, block));
                }
            }
        }
        List<Floor> floors = new ArrayList<>();
        floors.add(new Floor("JDBC batch", jdbc[0], jdbc[1], jdbc[2], jdbc[3]));
        if (postgres) {
            floors.add(new Floor("COPY", copy[0], copy[1], copy[2], copy[3]));
        }
        return floors;
    }

    private interface Work {
        long run() throws SQLException, IOException;
    }

    private void timed(long[] into, long pid, Work work) throws SQLException, IOException {
        long cpu = threads.getCurrentThreadCpuTime();
        long db = pid > 0 ? ProcStat.cpuMillis(pid) : 0;
        long start = System.nanoTime();
        into[0] += work.run();
        into[1] += System.nanoTime() - start;
        into[2] += (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
        into[3] += pid > 0 ? ProcStat.cpuMillis(pid) - db : 0;
    }

    private static long batchInsert(Connection target, String insert, List<Object[]> rows) throws SQLException {
        try (PreparedStatement s = target.prepareStatement(insert)) {
            int inBatch = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    s.setObject(i + 1, row[i]);
                }
                s.addBatch();
                if (++inBatch == BATCH) {
                    s.executeBatch();
                    target.commit();
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                s.executeBatch();
                target.commit();
            }
        }
        return rows.size();
    }

    private static long copyIn(Connection target, List<String> columns, String block) throws SQLException,
            IOException {
        long n = target.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY event_floor_copy ("
                + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)", new StringReader(block));
        target.commit();
        return n;
    }

    private static String csvField(String value) {
        if (value == null) {
            return "";
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private List<String> columns(Connection source) throws SQLException {
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM event WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            return columns;
        }
    }

    /** An empty table with event's columns and an index for each of event's (the primary key as a unique one). */
    private void copyShape(Connection c, String table) throws SQLException {
        String event = postgres ? "event" : "EVENT";
        Map<String, List<String>> indexColumns = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getIndexInfo(null, null, event, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (name == null || column == null) {
                    continue;
                }
                // rows come ordered by index name and position
                indexColumns.computeIfAbsent(name, k -> new ArrayList<>()).add(column.toLowerCase(java.util.Locale.ROOT));
                unique.put(name, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        if (indexColumns.isEmpty()) {
            throw new IllegalStateException("found no indexes on the event table");
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " AS SELECT * FROM event WHERE 1 = 0");
            int n = 0;
            for (Map.Entry<String, List<String>> index : indexColumns.entrySet()) {
                s.execute("CREATE " + (unique.get(index.getKey()) ? "UNIQUE " : "") + "INDEX " + table + "_ix" + n++
                        + " ON " + table + " (" + String.join(", ", index.getValue()) + ")");
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private static long backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
