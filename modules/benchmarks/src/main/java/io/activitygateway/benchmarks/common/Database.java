package io.activitygateway.benchmarks.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The database a benchmark run uses, emptied before each run: a PostgreSQL database (its public schema dropped and
 * made again) or a fresh embedded H2 file, which only one process may open at a time (the gateway while it runs, the
 * benchmark after it stopped).
 */
public record Database(String kind, String url, String user, Path h2Dir) {

    /** What the benchmark's own connections say they are, so their backends are told apart from the gateway's. */
    public static final String GATEWAY_APPLICATION = "gateway-benchmark";

    public static Database of(Args args, Path work) {
        String kind = args.get("db", "postgresql");
        return switch (kind) {
            case "postgresql", "postgres" -> new Database("postgresql", args.get("pg-url",
                    "jdbc:postgresql://127.0.0.1:5432/test_h19a_bench"), args.get("pg-user", "postgres"), null);
            case "h2" -> new Database("h2", null, "gateway", work.resolve("h2"));
            default -> throw new IllegalArgumentException("--db must be postgresql or h2, was '" + kind + "'");
        };
    }

    public boolean postgres() {
        return kind.equals("postgresql");
    }

    /** Empties it. */
    public void reset() {
        if (postgres()) {
            try (Connection c = open(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA public CASCADE");
                s.execute("CREATE SCHEMA public");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reset " + url + ": " + e.getMessage(), e);
            }
        } else {
            try {
                if (Files.exists(h2Dir)) {
                    try (Stream<Path> files = Files.walk(h2Dir)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
                Files.createDirectories(h2Dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The gateway's datasource settings for this database. */
    public Map<String, String> gatewayConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        if (postgres()) {
            // reWriteBatchedInserts as deploy/postgresql.md recommends; the floors use the same URL
            config.put("quarkus.datasource.jdbc.url", jdbcUrl(GATEWAY_APPLICATION));
            config.put("quarkus.datasource.username", user);
        } else {
            config.put("gateway.data-dir", h2Dir.toAbsolutePath().toString());
        }
        return config;
    }

    /** A connection of the benchmark's own (H2: only while the gateway is stopped). */
    public Connection open() throws SQLException {
        return postgres() ? DriverManager.getConnection(jdbcUrl("benchmark"), user, "")
                : DriverManager.getConnection("jdbc:h2:file:" + h2Dir.toAbsolutePath().resolve("gateway"), user, "");
    }

    /** A connection that tells PostgreSQL it is {@code application}, so its backend's CPU can be told apart. */
    public Connection open(String application) throws SQLException {
        return postgres() ? DriverManager.getConnection(jdbcUrl(application), user, "") : open();
    }

    private String jdbcUrl(String application) {
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true&ApplicationName=" + application;
    }
}
