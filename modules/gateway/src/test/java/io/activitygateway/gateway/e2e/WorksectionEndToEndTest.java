package io.activitygateway.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.api.Polls;
import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.fault.Fault;
import io.activitygateway.sandbox.fault.Malformation;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Worksection kind through the whole gateway — scheduler, HTTP client with its retries, store, API — against
 * the sandbox, compared with the sandbox's ground truth: every change once, nothing extra.
 */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SandboxSources.class, restrictToAnnotatedClass = false)
class WorksectionEndToEndTest {

    private final Sandbox sandbox = SandboxSources.sandbox();

    /** What identifies a Worksection change without an id: action, object, actor, minute; counted. */
    private static Map<String, Integer> truth(Sandbox sandbox) {
        Map<String, Integer> out = new HashMap<>();
        for (TruthEntry t : sandbox.truth().of(Api.WORKSECTION)) {
            if (t.malformed() == null) {
                out.merge(String.join("|", t.action(), t.objectType(), t.objectId(), t.actorId(),
                        t.happenedAt().truncatedTo(ChronoUnit.MINUTES).toString()), 1, Integer::sum);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> stored() {
        Map<String, Integer> out = new HashMap<>();
        for (Map<String, Object> e : Stored.events(SandboxSources.WORKSECTION)) {
            Map<String, Object> object = (Map<String, Object>) e.get("object");
            Map<String, Object> actor = (Map<String, Object>) e.get("actor");
            assertEquals("minute", e.get("occurredAtPrecision"));
            out.merge(String.join("|", (String) e.get("sourceType"), (String) object.get("type"),
                    (String) object.get("id"), (String) actor.get("id"),
                    Instant.parse((String) e.get("occurredAt")).toString()), 1, Integer::sum);
        }
        return out;
    }

    @Test
    void historyThenNewActivityIsStoredOnce() {
        JsonPath status = Polls.pollAndWait(SandboxSources.WORKSECTION);
        assertEquals("idle", status.getString("state"), status.prettify());
        assertEquals(truth(sandbox), stored());

        SandboxSources.activity(120);
        Polls.pollAndWait(SandboxSources.WORKSECTION);
        Polls.pollAndWait(SandboxSources.WORKSECTION);
        assertEquals(truth(sandbox), stored(), "overlapping windows add nothing twice");
    }

    @Test
    void upstreamFaultsAreRetriedAndLoseNothing() {
        SandboxSources.activity(60);
        // Two faults in a row: within the two retries the test configuration allows.
        sandbox.faults().next(Api.WORKSECTION, 1, Fault.status(503));
        sandbox.faults().next(Api.WORKSECTION, 1, Fault.tooManyRequests(Duration.ofSeconds(1)));
        JsonPath status = Polls.pollAndWait(SandboxSources.WORKSECTION);
        assertEquals("idle", status.getString("state"), "the gateway's retries absorbed the faults: "
                + status.prettify());
        assertEquals(truth(sandbox), stored());
    }

    @Test
    void faultsBeyondTheRetriesBackOffAndTheNextPollCatchesUp() {
        SandboxSources.activity(25);
        sandbox.faults().next(Api.WORKSECTION, 3, Fault.status(503));
        JsonPath failed = Polls.pollAndWait(SandboxSources.WORKSECTION);
        assertEquals("backing_off", failed.getString("state"));
        assertEquals(503, failed.getInt("lastError.httpStatus"));
        JsonPath recovered = Polls.pollAndWait(SandboxSources.WORKSECTION);
        assertEquals("idle", recovered.getString("state"));
        assertEquals(truth(sandbox), stored());
    }

    @Test
    void aMalformedRecordIsSetAsideAndTheRestIsStored() {
        sandbox.worksection().inject("update", "task", 424242).malformed(Malformation.WORKSECTION_NO_DATE_ADDED).emit();
        SandboxSources.activity(30);
        Polls.pollAndWait(SandboxSources.WORKSECTION);
        assertEquals(truth(sandbox), stored());
        List<String> reasons = given().get("/api/v1/sources/{n}/record-problems", SandboxSources.WORKSECTION)
                .then().statusCode(200).extract().jsonPath().getList("reason");
        assertTrue(reasons.stream().anyMatch(r -> r.contains("date_added")), reasons.toString());
    }
}
