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
import io.activitygateway.sandbox.onehub.Verb;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Onehub kind (activity feed plus one file's audit trail) through the whole gateway against the sandbox,
 * compared with the sandbox's ground truth by event id.
 */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SandboxSources.class, restrictToAnnotatedClass = false)
class OnehubEndToEndTest {

    private final Sandbox sandbox = SandboxSources.sandbox();

    private Set<String> truth() {
        return sandbox.truth().of(Api.ONEHUB).stream().map(TruthEntry::upstreamIds).flatMap(List::stream)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> storedIds() {
        return Stored.events(SandboxSources.ONEHUB).stream().map(e -> (String) e.get("sourceEventId")).toList();
    }

    private void assertStoredMatchesTruth() {
        List<String> stored = storedIds();
        assertEquals(stored.size(), new TreeSet<>(stored).size(), "no event twice");
        assertEquals(truth(), new TreeSet<>(stored));
    }

    @Test
    void historyThenNewActivityIsStoredOnce() {
                JsonPath status = Polls.pollAndWait(SandboxSources.ONEHUB);
        assertEquals("idle", status.getString("state"), status.prettify());
        assertStoredMatchesTruth();

        SandboxSources.activity(90);
        Polls.pollAndWait(SandboxSources.ONEHUB);
        Polls.pollAndWait(SandboxSources.ONEHUB);
        assertStoredMatchesTruth();
    }

    @Test
    void namesWithEntitiesAndTheVerbMappingSurviveTheWholeWay() {
        long workspace = sandbox.onehub().workspaceIds().get(0);
        TruthEntry uploaded = sandbox.onehub().inject(Verb.UPLOAD).workspace(workspace)
                .name("Zoë's \"Q3\" R&D <draft>.pdf").emit();
        Polls.pollAndWait(SandboxSources.ONEHUB);
        Map<String, Object> event = Stored.events(SandboxSources.ONEHUB).stream()
                .filter(e -> uploaded.upstreamIds().contains(e.get("sourceEventId"))).findFirst().orElseThrow();
        assertEquals("uploaded", event.get("type"));
        assertEquals("Zoë's \"Q3\" R&D <draft>.pdf", ((Map<?, ?>) event.get("object")).get("name"));
        assertEquals("file", ((Map<?, ?>) event.get("object")).get("type"));
        assertEquals(String.valueOf(workspace), ((Map<?, ?>) event.get("container")).get("id"));
    }

    @Test
    void faultsAreRetriedAndAGarbledDetailIsStoredWithItsProblem() {
        sandbox.onehub().inject(Verb.READ).malformed(Malformation.ONEHUB_GARBAGE_DETAIL).emit();
        SandboxSources.activity(40);
        sandbox.faults().next(Api.ONEHUB, 1, Fault.tooManyRequests(Duration.ofSeconds(1)));
        sandbox.faults().next(Api.ONEHUB, 1, Fault.status(502));
        JsonPath status = Polls.pollAndWait(SandboxSources.ONEHUB);
        assertEquals("idle", status.getString("state"), status.prettify());
        assertStoredMatchesTruth();
        List<Boolean> stored = given().get("/api/v1/sources/{n}/record-problems", SandboxSources.ONEHUB).then()
                .statusCode(200).extract().jsonPath().getList("eventStored");
        assertTrue(stored.contains(true), "the garbled detail's event is stored, and the problem recorded");
    }
}
