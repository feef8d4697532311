package io.activitygateway.gateway.lease;

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
 * The lease table over plain JDBC, each statement committed on its own: taking or extending a lease is one
 * conditional UPDATE (or the INSERT of a lease nobody held yet), so two instances racing for it cannot both win.
 */
public final class LeaseTable {

    /** SQLSTATE of a unique violation, on PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public LeaseTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes the lease, or extends it when {@code holder} already holds it.
     *
     * @return false when another holder's lease has not expired at {@code now}
     */
    public boolean take(String resource, String holder, Instant now, Instant expiresAt) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("UPDATE lease SET expires_at = ?, acquired_at ="
                    + " CASE WHEN holder = ? THEN acquired_at ELSE ? END, holder = ?"
                    + " WHERE resource = ? AND (holder = ? OR expires_at < ?)")) {
                update.setObject(1, utc(expiresAt));
                update.setString(2, holder);
                update.setObject(3, utc(now));
                update.setString(4, holder);
                update.setString(5, resource);
                update.setString(6, holder);
                update.setObject(7, utc(now));
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO lease (resource, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, resource);
                insert.setString(2, holder);
                insert.setObject(3, utc(now));
                insert.setObject(4, utc(expiresAt));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        }
    }

    /** Gives the lease up at once (a clean shutdown), so the next holder need not wait for it to expire. */
    public void release(String resource, String holder) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM lease WHERE resource = ? AND holder = ?")) {
            delete.setString(1, resource);
            delete.setString(2, holder);
            delete.executeUpdate();
        }
    }

    public Optional<LeaseHolder> find(String resource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT resource, holder, acquired_at, expires_at FROM lease WHERE resource = ?")) {
            select.setString(1, resource);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    public List<LeaseHolder> all() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT resource, holder, acquired_at, expires_at FROM lease ORDER BY resource");
                ResultSet rs = select.executeQuery()) {
            List<LeaseHolder> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row(rs));
            }
            return rows;
        }
    }

    private static LeaseHolder row(ResultSet rs) throws SQLException {
        return new LeaseHolder(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getObject(4, OffsetDateTime.class).toInstant());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
