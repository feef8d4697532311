package io.activitygateway.gateway.lease;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.api.Polls;
import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.scripted.ScriptedUpstream;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The poll scheduler polls a connection only under its lease, and a poll that lost it stores nothing. */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class LeasedPollingTest {

    private static final String RESOURCE = "connection:leased";

    @Inject
    InstanceLeases leases;
    @Inject
    AgroalDataSource dataSource;

    private final ScriptedUpstream upstream = ScriptedUpstream.shared();

    @Test
    void aPollWhoseLeaseWasTakenOverStoresNothingAndTheHolderShowsInTheStatus() throws Exception {
        upstream.add("leased", "l-1", "created", "2026-01-05T10:00:00Z", "u1", "o1");
        upstream.add("leased", "l-2", "created", "2026-01-05T10:01:00Z", "u1", "o2");
        JsonPath first = Polls.pollAndWait("leased");
        assertEquals(2, first.getLong("eventsIngested"));
        assertEquals(leases.instance(), first.getString("leaseHolder"));

        // Another instance takes the lease over behind this one's back (as after a pause longer than the ttl):
        // this instance still believes it holds it, so the next poll runs, but its commit must not go through.
        upstream.add("leased", "l-3", "created", "2026-01-05T10:02:00Z", "u1", "o3");
        steal("other-instance");
        int requestsBefore = upstream.requests("leased").size();
        given().post("/api/v1/sources/leased/poll").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "standby".equals(Polls.status("leased").getString("state")));
        JsonPath standby = Polls.status("leased");
        assertTrue(upstream.requests("leased").size() > requestsBefore, "the poll ran");
        assertEquals(2, standby.getLong("eventsIngested"), "the fenced commit stored nothing");
        assertEquals("other-instance", standby.getString("leaseHolder"));
        assertFalse(leases.holds(RESOURCE), "the lost lease is known at once, so no further poll runs here");

        // The other instance goes away cleanly: this one takes over at its next renewal and polls again.
        release();
        leases.renewNow();
        assertTrue(leases.holds(RESOURCE));
        JsonPath back = Polls.pollAndWait("leased");
        assertEquals(3, back.getLong("eventsIngested"));
        assertEquals(leases.instance(), back.getString("leaseHolder"));
        assertEquals("idle", back.getString("state"));
    }

    private void steal(String holder) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE lease SET holder = ?, expires_at = ? WHERE resource = ?")) {
            update.setString(1, holder);
            update.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
            update.setString(3, RESOURCE);
            assertEquals(1, update.executeUpdate());
        }
    }

    private void release() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM lease WHERE resource = ?")) {
            delete.setString(1, RESOURCE);
            delete.executeUpdate();
        }
    }
}
