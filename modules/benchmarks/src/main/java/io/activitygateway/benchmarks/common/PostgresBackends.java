package io.activitygateway.benchmarks.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU PostgreSQL spends for one client: the summed /proc CPU of every backend process serving connections with
 * its {@code application_name}. Backends come and go with the client's pool, so it is sampled; one that started after
 * the baseline counts from zero.
 */
public final class PostgresBackends {

    private final String applicationName;
    private final Map<Long, Long> baseline = new HashMap<>();
    private final Map<Long, Long> latest = new HashMap<>();
    private Instant since;

    public PostgresBackends(String applicationName) {
        this.applicationName = applicationName;
    }

    /** Starts counting now. */
    public synchronized void baseline(Connection db) {
        baseline.clear();
        latest.clear();
        since = Instant.now();
        for (long pid : pids(db, null)) {
            long cpu = ProcStat.cpuMillis(pid);
            baseline.put(pid, cpu);
            latest.put(pid, cpu);
        }
    }

    /** Reads every backend's CPU again (call it often enough that a closed backend's last reading is recent). */
    public synchronized void sample(Connection db) {
        for (long pid : pids(db, since)) {
            long cpu = ProcStat.cpuMillis(pid);
            if (cpu >= 0) {
                baseline.putIfAbsent(pid, 0L);
                latest.put(pid, cpu);
            }
        }
    }

    /** CPU milliseconds spent since the baseline. */
    public synchronized long cpuMillis() {
        long total = 0;
        for (Map.Entry<Long, Long> e : latest.entrySet()) {
            total += Math.max(0, e.getValue() - baseline.getOrDefault(e.getKey(), 0L));
        }
        return total;
    }

    private java.util.List<Long> pids(Connection db, Instant startedBefore) {
        java.util.List<Long> pids = new java.util.ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(
                "SELECT pid, backend_start FROM pg_stat_activity WHERE application_name = ?")) {
            s.setString(1, applicationName);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long pid = rs.getLong(1);
                    Timestamp start = rs.getTimestamp(2);
                    // A backend known from the baseline, or one started since (it counts from zero).
                    if (startedBefore == null || baseline.containsKey(pid) || start.toInstant().isAfter(startedBefore)) {
                        pids.add(pid);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list PostgreSQL backends: " + e.getMessage(), e);
        }
        return pids;
    }
}
