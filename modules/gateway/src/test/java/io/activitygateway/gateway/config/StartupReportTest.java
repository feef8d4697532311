package io.activitygateway.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real start-up with a bad configuration: one report with every problem, before the schema migration (the
 * database is an H2 file that does not exist and may not be created, so migrating first would fail on that).
 */
@QuarkusMainTest
@TestProfile(StartupReportTest.BadConfiguration.class)
class StartupReportTest {

    public static class BadConfiguration implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("quarkus.datasource.jdbc.url", "jdbc:h2:file:./target/no-such-dir/none;IFEXISTS=TRUE"),
                    Map.entry("quarkus.flyway.clean-at-start", "false"),
                    Map.entry("gateway.polling.threads", "0"),
                    Map.entry("gateway.feed.heartbeat", "-1s"),
                    Map.entry("gateway.http.max-retries", "-3"),
                    Map.entry("gateway.sources.w.kind", "worksection"),
                    Map.entry("gateway.sources.w.enabled", "ture"),
                    Map.entry("gateway.sources.w.poll-interval", "often"),
                    Map.entry("gateway.sources.w.base-url", "https://x.example.com/api/?hash=hunter2-secret"),
                    Map.entry("gateway.sources.w.api-key", "k"),
                    Map.entry("gateway.sources.w.timezone", "Europe/Kyiv"),
                    Map.entry("gateway.sources.k.kind", "nope"));
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void everyProblemIsReportedAtOnceBeforeTheDatabaseIsTouched(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();
        assertEquals(1, result.exitCode());
        for (String key : new String[] { "gateway.polling.threads", "gateway.feed.heartbeat",
                "gateway.http.max-retries", "gateway.sources.w.enabled", "gateway.sources.w.poll-interval",
                "gateway.sources.w.base-url", "gateway.sources.k.kind" }) {
            assertTrue(output.contains(key + ":"), key + " is named in: " + output);
        }
        assertTrue(output.contains("Invalid configuration (7 problems)"), output);
        assertFalse(output.contains("hunter2"), "the base-url's secret is never printed");
        // Before, Flyway migrated at start before any check, so this start failed on the missing database instead.
        assertFalse(output.contains("org.flywaydb") || output.contains("FlywayException"),
                "the schema migration never ran: " + output);
    }
}
