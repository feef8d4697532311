package io.activitygateway.gateway.feed;

import static io.activitygateway.gateway.feed.FeedFixture.commit;
import static io.activitygateway.gateway.feed.FeedFixture.ids;
import static io.activitygateway.gateway.feed.FeedFixture.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.EventType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Several gateway instances on one PostgreSQL database (runs with -Ppostgres; skipped on H2). The test profile turns
 * the reader's safety-net poll off (10 min), so an event committed elsewhere can only reach this instance's
 * subscribers through NOTIFY and this instance's LISTEN.
 */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class FeedPostgresTest {

    @Inject
    EventStore store;
    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @Test
    void eachCommittedBatchSendsExactlyOneNotifyWithItsLastSeq() throws Exception {
        assumeTrue(dbKind.startsWith("postgres"), "PostgreSQL only");
        try (Connection listener = DriverManager.getConnection(url, user, "")) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + PostgresFeedSignals.CHANNEL);
            }
            PGConnection pg = listener.unwrap(PGConnection.class);
            List<String> lastSeqs = new ArrayList<>();
            for (int batch = 0; batch < 3; batch++) {
                List<FeedFixture.Stored> stored = commit(store, "feed-pg-notify", 7, EventType.CREATED, "u1");
                lastSeqs.add(Long.toString(seqOf(stored.get(stored.size() - 1).id())));
            }
            List<String> payloads = new ArrayList<>();
            while (payloads.size() < 3) {
                PGNotification[] got = pg.getNotifications(30_000);
                if (got == null || got.length == 0) {
                    break;
                }
                for (PGNotification n : got) {
                    payloads.add(n.getParameter());
                }
            }
            // Anything further already delivered would be a second NOTIFY for one of the batches.
            PGNotification[] extra = pg.getNotifications(1);
            assertEquals(lastSeqs, payloads);
            assertEquals(0, extra == null ? 0 : extra.length, "one NOTIFY per batch, not per event");
        }
    }

    @Test
    void aSubscriberHereReceivesWhatAnotherInstanceCommitsInItsOwnProcess() throws Exception {
        assumeTrue(dbKind.startsWith("postgres"), "PostgreSQL only");
        try (SseClient client = stream("?connection=feed-pg-other")) {
            client.next();
            List<String> expected = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                expected.addAll(otherInstanceCommits("feed-pg-other", 4));
            }
            assertEquals(expected, ids(client.activities(expected.size())));
            // And this instance's own commits interleave in seq order with the other's.
            List<String> own = FeedFixture.storedIds(commit(store, "feed-pg-other", 2, EventType.UPDATED, "u2"));
            List<String> theirs = otherInstanceCommits("feed-pg-other", 3);
            List<String> both = new ArrayList<>(own);
            both.addAll(theirs);
            assertEquals(both, ids(client.activities(5)));
        }
    }

    /** Runs {@link OtherInstance} in a JVM of its own on the same database; returns the ids it committed. */
    private List<String> otherInstanceCommits(String connection, int count) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OtherInstance.class.getName(), url, user, connection, Integer.toString(count))
                .redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("the other instance failed: " + err);
        }
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private long seqOf(String id) {
        return io.restassured.RestAssured.given().get("/api/v1/events/" + id).jsonPath().getLong("seq");
    }
}
