package io.activitygateway.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.api.Polls;
import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.fault.Fault;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kantata kind through the whole gateway against the sandbox, with the behaviours Kantata documents switched
 * on: duplicates (one change under two ids), events that become visible minutes late and out of order, and a rate
 * limit. Compared with the ground truth: every change visible before a poll is stored exactly once, and nothing is
 * stored that the sandbox did not emit.
 */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SandboxSources.class, restrictToAnnotatedClass = false)
class KantataEndToEndTest {

    private final Sandbox sandbox = SandboxSources.sandbox();

    /**
     * Polls and checks the store: nothing doubled, nothing the sandbox did not emit, and every change stored that was
     * visible when the poll began and happened after the newest event the previous poll had read. A change visible
     * late behind that head is read once it has settled (the adapter's tests prove that on a simulated clock).
     */
    private void pollAndCompare() {
        String head = Polls.status(SandboxSources.KANTATA).getString("checkpoint.feeds.all.head");
        Instant previousHead = head == null ? null : Instant.parse(head);
        // The poll reads what was created before its start on Kantata's clock, in whole seconds and estimated from
        // the Date header (whole seconds too), so up to a second behind ours: it starts two seconds past the newest
        // change's second (created or made visible), so that every change the check expects is inside its bound.
        Instant now = Instant.now();
        Instant newest = sandbox.truth().of(Api.KANTATA).stream()
                .map(t -> t.visibleAt().isAfter(now) || t.visibleAt().isBefore(t.happenedAt()) ? t.happenedAt()
                        : t.visibleAt())
                .max(Instant::compareTo).orElse(Instant.EPOCH);
        Instant due = newest.truncatedTo(ChronoUnit.SECONDS).plusSeconds(2).plusMillis(100);
        while (Instant.now().isBefore(due)) {
            try {
                Thread.sleep(Math.max(1, Duration.between(Instant.now(), due).toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        Instant before = Instant.now();
        JsonPath status = Polls.pollAndWait(SandboxSources.KANTATA);
        assertEquals("idle", status.getString("state"), status.prettify());

        Map<String, TruthEntry> byUpstreamId = new HashMap<>();
        List<TruthEntry> mustBeStored = new ArrayList<>();
        for (TruthEntry t : sandbox.truth().of(Api.KANTATA)) {
            t.upstreamIds().forEach(id -> byUpstreamId.put(id, t));
            if (t.malformed() == null && !t.visibleAt().isAfter(before)
                    && (previousHead == null || t.happenedAt().isAfter(previousHead))) {
                mustBeStored.add(t);
            }
        }
        Map<Long, Integer> storedPerChange = new HashMap<>();
        for (Map<String, Object> e : Stored.events(SandboxSources.KANTATA)) {
            TruthEntry t = byUpstreamId.get((String) e.get("sourceEventId"));
            assertTrue(t != null, "stored an event the sandbox never emitted: " + e);
            storedPerChange.merge(t.changeId(), 1, Integer::sum);
            assertEquals(t.action(), e.get("sourceType"));
            assertEquals(t.happenedAt(), Instant.parse((String) e.get("occurredAt")));
        }
        storedPerChange.forEach((change, n) -> assertEquals(1, n, "change " + change + " stored " + n + " times"));
        List<Long> missing = mustBeStored.stream().map(TruthEntry::changeId)
                .filter(id -> !storedPerChange.containsKey(id)).toList();
        assertTrue(missing.isEmpty(), missing.size() + " visible changes missing: " + missing);
    }

    @Test
    void historyThenLateAndDuplicatedActivityIsStoredOnce() {
        pollAndCompare();
        long duplicated = sandbox.truth().of(Api.KANTATA).stream().filter(t -> t.upstreamIds().size() == 2).count();
        assertTrue(duplicated > 0, "the sandbox emitted duplicates for this test to collapse");
        for (int round = 0; round < 3; round++) {
            SandboxSources.activity(80);
            pollAndCompare();
        }
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedByTheGateway() {
        SandboxSources.activity(40);
        sandbox.faults().next(Api.KANTATA, 1, Fault.tooManyRequests(null));
        sandbox.faults().next(Api.KANTATA, 1, Fault.status(503));
        pollAndCompare();
    }

    @Test
    void aRefusedTokenStopsPollingThatConnectionOnly() {
        JsonPath status = Polls.pollAndWait(SandboxSources.KANTATA_WRONG_TOKEN);
        assertEquals("failing", status.getString("state"));
        assertEquals(401, status.getInt("lastError.httpStatus"));
        assertNull(status.getString("nextPollAt"));
        assertTrue(status.getString("lastError.message").contains("credentials refused"));
        pollAndCompare();
    }
}
