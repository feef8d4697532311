package io.activitygateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.testkit.SettableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code /_sandbox/} HTTP API that demos and the standalone server use. */
class ControlApiTest {

    static final Instant T0 = Instant.parse("2024-06-03T12:00:00Z");

    Sandbox sandbox;
    String control;

    @BeforeEach
    void start() {
        sandbox = Sandbox.builder().clock(new SettableClock(T0)).seed(4)
                .kantata(k -> k.lateness(false).duplicates(false)).start();
        control = sandbox.controlUrl();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void statusAndWorldTellHowToConnect() {
        JsonNode status = Http.get(control).json();
        assertEquals(sandbox.kantataBaseUrl(), status.at("/apis/kantata/base_url").asText());
        assertEquals("kantata-admin-token", status.at("/apis/kantata/token").asText());
        assertEquals(sandbox.worksectionBaseUrl(), status.at("/apis/worksection/base_url").asText());
        assertEquals("worksection-api-key", status.at("/apis/worksection/api_key").asText());
        assertEquals(OnehubSimulator.token(sandbox.world().person(0)), status.at("/apis/onehub/token").asText());
        assertEquals(T0.toString(), status.get("now").asText());
        JsonNode world = Http.get(control + "world").json();
        assertEquals(8, world.get("people").size());
        assertEquals("Matthew Anderson", world.at("/people/0/name").asText());
        assertEquals(OnehubSimulator.token(sandbox.world().person(1)), world.at("/people/1/onehub_token").asText());
        assertTrue(world.at("/kantata/time_entries").size() > 0);
        assertTrue(world.at("/worksection/projects").size() > 0);
        assertEquals("administrator", world.at("/onehub_workspaces/0/roles/"
                + sandbox.world().person(0).onehubUserId()).asText());
    }

    @Test
    void generatesAndRunsTheGenerator() {
        JsonNode generated = Http.post(control + "generate?count=40", "").json();
        assertTrue(generated.get("truth_entries_added").asInt() >= 40);
        assertEquals(generated.get("truth_entries_added").asInt(), sandbox.truth().all().size());
        assertTrue(Http.post(control + "generator/start?rate=20", "").json().get("running").asBoolean());
        assertTrue(sandbox.generator().running());
        assertEquals(20.0, sandbox.generator().rate());
        assertFalse(Http.post(control + "generator/stop", "").json().get("running").asBoolean());
        assertFalse(sandbox.generator().running());
    }

    @Test
    void scriptsRandomisesAndClearsFaults() {
        assertEquals(200, Http.post(control + "faults/kantata?fault=status:503&times=2", "").status());
        String kantata = sandbox.kantataBaseUrl() + "/subscribed_events";
        assertEquals(503, Http.get(kantata, "kantata-admin-token").status());
        assertEquals(1, Http.get(control).json().at("/apis/kantata/faults/pending").size());
        assertEquals(200, Http.delete(control + "faults").status());
        assertEquals(200, Http.get(kantata, "kantata-admin-token").status());

        assertEquals(200, Http.post(control + "faults/onehub/random?seed=3&probability=1&faults=status:429:4", "").status());
        Http.Response limited = Http.get(sandbox.onehubBaseUrl() + "/activity/", "x");
        assertEquals(429, limited.status());
        assertEquals("4", limited.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, Http.delete(control + "faults/onehub").status());
        assertEquals(401, Http.get(sandbox.onehubBaseUrl() + "/activity/", "x").status());

        assertEquals(400, Http.post(control + "faults/kantata?fault=explode", "").status());
        assertEquals(400, Http.post(control + "faults/nowhere?fault=truncated", "").status());
    }

    @Test
    void injectsExactEventsOnEveryApi() {
        JsonNode kantataEntry = Http.post(control + "inject/kantata", """
                {"event_type":"time_entry:updated","created_at":"2024-06-03T11:59:00Z",
                 "subject_changed_at":"2024-06-03T11:58:30Z","payload_changes":{"time_in_minutes":[60,90]},
                 "duplicate_created_at":"2024-06-03T11:59:30Z"}""").json();
        assertEquals(2, kantataEntry.get("upstream_ids").size());
        String id = kantataEntry.at("/upstream_ids/0").asText();
        JsonNode event = Http.get(sandbox.kantataBaseUrl() + "/subscribed_events?only=" + id
                + "&optional_fields=payload_changes", "kantata-admin-token").json().at("/subscribed_events/" + id);
        assertEquals("2024-06-03T11:58:30Z", event.get("subject_changed_at").asText());
        assertEquals(90, event.at("/payload_changes/time_in_minutes/1").asInt());

        long task = sandbox.worksection().objectIds("task").get(0);
        JsonNode wsEntry = Http.post(control + "inject/worksection", """
                {"action":"close","object_type":"task","object_id":%d,"at":"2024-06-03T11:59:10Z"}""".formatted(task)).json();
        assertEquals("close", wsEntry.get("action").asText());
        assertEquals("2024-06-03T11:59:10Z", wsEntry.get("happened_at").asText());

        JsonNode ohEntry = Http.post(control + "inject/onehub", """
                {"verb":"invite","email":"zoë@example.com","at":"2024-06-03T11:59:20Z"}""").json();
        assertEquals("invite", ohEntry.get("action").asText());
        assertEquals("zoë@example.com", ohEntry.get("object_id").asText());

        JsonNode malformed = Http.post(control + "malformed/worksection?kind=WORKSECTION_NO_DATE_ADDED", "").json();
        assertEquals("WORKSECTION_NO_DATE_ADDED", malformed.get("malformed").asText());
        assertEquals(400, Http.post(control + "inject/onehub", "{\"verb\":\"print\"}").status());
    }

    @Test
    void switchesBehavioursAtRuntime() {
        JsonNode settings = Http.post(control + "settings/kantata?rate_limit=1&duplicates=true&retention=P7D", "").json();
        assertEquals(1, settings.get("rate_limit").asInt());
        assertEquals("PT168H", settings.get("retention").asText());
        String kantata = sandbox.kantataBaseUrl() + "/subscribed_events";
        assertEquals(200, Http.get(kantata, "kantata-admin-token").status());
        assertEquals(429, Http.get(kantata, "kantata-admin-token").status());
        JsonNode ws = Http.post(control + "settings/worksection?zone=Asia/Tokyo&max_records=3", "").json();
        assertEquals("Asia/Tokyo", ws.get("zone").asText());
        assertEquals(3, sandbox.worksection().settings().maxRecords());
        assertEquals(404, Http.get(control + "nothing").status());
        assertEquals(405, Http.get(control + "generate").status());
    }
}
