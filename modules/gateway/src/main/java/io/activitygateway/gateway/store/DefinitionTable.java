package io.activitygateway.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.activitygateway.model.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A table of definitions made through the admin API ({@code managed_connection}, {@code managed_sink}) over plain
 * JDBC, with the state tables whose rows belong to a definition by name (a connection's checkpoint, a sink's
 * position), which go when it goes.
 */
public final class DefinitionTable {

    /** One stored definition: its keys as JSON (secrets left out) and its sealed secrets, if any. */
    public record Row(String name, String settings, String secrets, String revision) {
    }

    private static final TypeReference<TreeMap<String, String>> KEYS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final String table;
    private final String stateColumn;
    private final List<String> stateTables;

    /**
     * @param table       the definitions' table; its own name and these tables are the code's, never a caller's input
     * @param stateColumn the column of {@code stateTables} that holds a definition's name
     */
    public DefinitionTable(DataSource dataSource, String table, String stateColumn, List<String> stateTables) {
        this.dataSource = dataSource;
        this.table = Objects.requireNonNull(table);
        this.stateColumn = Objects.requireNonNull(stateColumn);
        this.stateTables = List.copyOf(stateTables);
    }

    public List<Row> all() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT name, settings, secrets, revision FROM " + table + " ORDER BY name");
                ResultSet rs = select.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            return rows;
        }
    }

    public Optional<Row> find(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT name, settings, secrets, revision FROM " + table + " WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))) : Optional.empty();
            }
        }
    }

    /** @return true when the row is new */
    public boolean put(Row row, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET settings = ?,"
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
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (name, settings,"
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

    /** Forgets a definition's state without touching the definition (what a stopped runner wrote after a deletion). */
    public void forgetState(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            deleteState(c, name);
        }
    }

    /**
     * Deletes the definition with its state, so a new one of the same name starts afresh; the stored events stay,
     * they are history.
     *
     * @return false when there was no such definition
     */
    public boolean delete(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int deleted;
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE name = ?")) {
                    delete.setString(1, name);
                    deleted = delete.executeUpdate();
                }
                deleteState(c, name);
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

    private void deleteState(Connection c, String name) throws SQLException {
        for (String state : stateTables) {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM " + state + " WHERE " + stateColumn + " = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
        }
    }

    /** A definition's keys as stored: a JSON object of strings. */
    public static Map<String, String> readKeys(String json) {
        try {
            return Json.mapper().readValue(json, KEYS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored keys", e);
        }
    }

    public static String writeKeys(Map<String, String> keys) {
        try {
            return Json.mapper().writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
