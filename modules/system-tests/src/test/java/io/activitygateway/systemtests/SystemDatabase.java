package io.activitygateway.systemtests;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own in the PostgreSQL database the build tests against ({@code -Dtest.pg.url}), for one system
 * test; dropped afterwards. The gateway must be a PostgreSQL build ({@code -Dgateway.pg.app}, docs/reliability.md):
 * the database kind is fixed when Quarkus builds it.
 */
final class SystemDatabase {

    private final String url;
    private final String user;
    private final String schema;

    private SystemDatabase(String url, String user, String schema) {
        this.url = url;
        this.user = user;
        this.schema = schema;
    }

    static SystemDatabase create(String name) throws Exception {
        String app = System.getProperty("gateway.pg.app", "");
        Assumptions.assumeTrue(!app.isBlank() && java.nio.file.Files.exists(java.nio.file.Path.of(app)),
                "no PostgreSQL build of the gateway (-Dgateway.pg.app); see docs/reliability.md");
        String url = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("test.pg.user", "postgres");
        String schema = "system_" + name + "_" + Long.toString(System.currentTimeMillis(), 36);
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return new SystemDatabase(url, user, schema);
    }

    /** The -D options that point the gateway at this schema, through {@code port} if given (a proxy). */
    List<String> gatewayProperties(int proxyPort) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        String target = proxyPort > 0 ? "127.0.0.1:" + proxyPort : uri.getHost() + ":" + uri.getPort();
        List<String> p = new ArrayList<>();
        p.add("-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + target + uri.getPath() + "?currentSchema=" + schema);
        p.add("-Dquarkus.datasource.username=" + user);
        p.add("-Dquarkus.flyway.schemas=" + schema);
        p.add("-Dquarkus.datasource.jdbc.acquisition-timeout=5s");
        p.add("-Dsystem.pg=true");
        return p;
    }

    List<String> gatewayProperties() {
        return gatewayProperties(0);
    }

    /** The app to run: the PostgreSQL build when the properties point at PostgreSQL. */
    static List<String> forProcess(List<String> database) {
        return database.contains("-Dsystem.pg=true") ? List.of("-Dsystem.app=" + System.getProperty("gateway.pg.app"))
                : List.of();
    }

    URI host() {
        return URI.create(url.substring("jdbc:".length()));
    }

    void drop() throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
