package io.activitygateway.gateway.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code managed_sink} table over plain JDBC. */
final class ManagedSinkTable {

    /** One stored sink: its keys as JSON (secrets left out) and its sealed secrets, if any. */
    record Row(String name, String settings, String secrets, String revision) {
    }

    private final DataSource dataSource;

    ManagedSinkTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<Row> all() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT name, settings, secrets, revision FROM managed_sink ORDER BY name");
                ResultSet rs = select.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            return rows;
        }
    }

    Optional<Row> find(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT name, settings, secrets, revision FROM managed_sink WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))) : Optional.empty();
            }
        }
    }

    /** @return true when the row is new */
    boolean put(Row row, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("UPDATE managed_sink SET settings = ?,"
                    + " secrets = ?, revision = ?, updated_at = ? WHERE name = ?")) {
                update.setString(1, row.settings());
                update.setString(2, row.secrets());
                update.setString(3, row.revision());
                update.setObject(4, at.atOffset(ZoneOffset.UTC));
                update.setString(5, row.name());
                if (update.executeUpdate() == 1) {
                    return false;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO managed_sink (name, settings,"
                    + " secrets, revision, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, row.name());
                insert.setString(2, row.settings());
                insert.setString(3, row.secrets());
                insert.setString(4, row.revision());
                insert.setObject(5, at.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
                return true;
            }
        }
    }

    /**
     * Forgets a sink's delivery state (position, dead letters) without touching its definition: after a deletion,
     * for what its runner wrote until it stopped.
     */
    void forgetDelivery(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (String table : new String[] { "sink_position", "sink_parked" }) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE sink = ?")) {
                    delete.setString(1, name);
                    delete.executeUpdate();
                }
            }
        }
    }

    /**
     * Deletes the sink with its delivery state (position, dead letters), as a deleted connection loses its
     * checkpoint: a new sink of the same name starts afresh from its own start position. The events stay.
     *
     * @return false when there was no such sink
     */
    boolean delete(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int deleted;
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM managed_sink WHERE name = ?")) {
                    delete.setString(1, name);
                    deleted = delete.executeUpdate();
                }
                for (String table : new String[] { "sink_position", "sink_parked" }) {
                    try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE sink = ?")) {
                        delete.setString(1, name);
                        delete.executeUpdate();
                    }
                }
                c.commit();
                return deleted == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
