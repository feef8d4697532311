package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Actor;
import io.activitygateway.model.EventType;
import io.activitygateway.model.FieldChange;
import io.activitygateway.model.Json;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.model.TimePrecision;
import io.activitygateway.spi.RecordProblem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventMapperTest {

    private final EventMapper mapper = new EventMapper();
    private final Map<String, EventMapper.Outcome> outcomes = new LinkedHashMap<>();

    @BeforeEach
    void mapVendorShapedPage() throws Exception {
        EventsPage page = Fixtures.page("page-vendor-shape.json");
        for (EventsPage.Entry entry : page.entries()) {
            outcomes.put(entry.id(), mapper.map(entry, page));
        }
    }

    private SourceEvent event(String id) {
        EventMapper.Outcome outcome = outcomes.get(id);
        assertNull(outcome.problem(), () -> "unexpected problem: " + outcome.problem());
        return outcome.event();
    }

    @Test
    void mapsEveryFieldOfAnUpdateWithStringTypedPayloads() {
        SourceEvent e = event("5001");
        assertEquals("5001", e.sourceEventId());
        assertEquals(EventType.UPDATED, e.type());
        assertEquals("time_entry:updated", e.sourceType());
        assertEquals(Instant.parse("2024-05-01T10:15:02Z"), e.occurredAt(), "subject_changed_at");
        assertEquals(TimePrecision.SECOND, e.occurredAtPrecision());
        assertEquals(Instant.parse("2024-05-01T10:15:30Z"), e.recordedAt(), "created_at");
        assertEquals(new Actor("7", "Jane Doe", "jane@example.com"), e.actor(), "user 7 is side-loaded on the page");
        assertEquals(new ObjectRef("time_entry", "123", "Design review", null), e.object());
        assertEquals(new ObjectRef("workspace", "77", "Website relaunch", null), e.container());
        assertEquals(List.of(new FieldChange("time_in_minutes", Json.mapper().valueToTree(60),
                Json.mapper().valueToTree(90))), e.changes());
        assertEquals("Jane Doe updated time entry 123 \"Design review\" (time_in_minutes: 60 → 90)", e.summary());
        assertEquals(42, e.raw().get("account_id").asInt(), "the record is kept as received");
        assertEquals("{\"time_in_minutes\":[60,90]}", e.raw().get("payload_changes").asText());
    }

    @Test
    void readsOffsetTimesAsUtcAndObjectPayloads() {
        SourceEvent e = event("5002");
        assertEquals(Instant.parse("2024-05-01T10:15:58Z"), e.occurredAt());
        assertEquals(Instant.parse("2024-05-01T10:16:00Z"), e.recordedAt());
        assertEquals(EventType.CREATED, e.type());
        assertEquals(new ObjectRef("workspace", "77", "Website relaunch", null), e.object());
        assertNull(e.container(), "a workspace is not inside a workspace");
        assertEquals(new Actor("8", null, null), e.actor(), "user 8 is not side-loaded: id only");
        assertEquals(List.of("title", "budgeted"), e.changes().stream().map(FieldChange::field).toList());
        assertTrue(e.changes().get(0).oldValue().isNull());
        assertTrue(e.changes().get(1).newValue().booleanValue());
        assertEquals("User 8 created workspace 77 \"Website relaunch\"", e.summary(),
                "a creation lists no changes");
    }

    @Test
    void namesADeletedSubjectFromItsPreviousPayload() {
        SourceEvent e = event("5003");
        assertEquals(EventType.DELETED, e.type());
        assertEquals(new ObjectRef("story", "555", "Draft sitemap", null), e.object(),
                "subject_ref is null once the subject is gone");
        assertEquals(new ObjectRef("workspace", "77", "Website relaunch", null), e.container());
        assertTrue(e.changes().isEmpty());
    }

    @Test
    void aUserSubjectIsNamedByFullName() {
        SourceEvent e = event("5004");
        assertEquals(new ObjectRef("user", "7", "Jane Doe", null), e.object());
        assertEquals("\"Designer\"", e.changes().get(0).oldValue().toString());
        assertNull(e.container());
    }

    @Test
    void anUnknownActionIsOtherWithItsNativeTypeAndNoActor() {
        SourceEvent e = event("5005");
        assertEquals(EventType.OTHER, e.type());
        assertEquals("expense_report_submission:submitted", e.sourceType());
        assertEquals(new ObjectRef("expense_report_submission", "9001", null, null), e.object());
        assertEquals(new ObjectRef("workspace", "77", "Website relaunch", null), e.container(),
                "workspace_id of the side-loaded subject");
        assertEquals(Actor.UNKNOWN, e.actor());
        assertTrue(e.changes().isEmpty(), "empty payload strings are no changes");
        assertEquals("Someone submitted expense report submission 9001", e.summary());
    }

    @Test
    void setsAsideMalformedRecordsWithTheirReasonAndKeepsTheRest() throws Exception {
        EventsPage page = Fixtures.page("page-malformed.json");
        Map<String, EventMapper.Outcome> byId = new LinkedHashMap<>();
        page.entries().forEach(entry -> byId.put(entry.id(), mapper.map(entry, page)));

        assertNotNull(byId.get("6001").event());
        assertNull(byId.get("6001").problem());
        assertSetAside(byId.get("6002"), "created_at is missing");
        assertSetAside(byId.get("6003"), "created_at '2024-05-01 10:21:00' is not an ISO-8601 time");
        assertSetAside(byId.get("6004"), "event_type 'time_entry updated' is not of the form object:action");
        assertSetAside(byId.get("6006"), "listed in results but subscribed_events holds no such record");
        assertSetAside(byId.get("6007"), "subject_id is not an id");

        EventMapper.Outcome partial = byId.get("6005");
        assertNotNull(partial.event(), "an unreadable payload does not cost the event");
        assertTrue(partial.problem().eventStored());
        assertTrue(partial.problem().reason().contains("payload_changes is a string that does not hold JSON"),
                partial.problem().reason());
        assertTrue(partial.event().changes().isEmpty());
    }

    @Test
    void aProblemKeepsTheRawRecordText() throws Exception {
        EventsPage page = Fixtures.page("page-malformed.json");
        RecordProblem problem = mapper.map(page.entries().get(1), page).problem();
        JsonNode raw = Json.mapper().readTree(problem.raw());
        assertEquals("time_entry:updated", raw.get("event_type").asText());
        assertTrue(problem.reason().startsWith("subscribed event 6002: "), problem.reason());
        assertFalse(problem.eventStored());
    }

    @Test
    void aMalformedEventReReadAfterItsSubjectChangedIsStillOneProblem() throws Exception {
        // Kantata turns subject_ref null once the subject is deleted: the second read's record text differs.
        String before = Fixtures.text("page-malformed.json");
        String after = before.replace("\"subject_id\": 124, \"subject_ref\": null",
                "\"subject_id\": 124, \"subject_ref\": {\"key\": \"time_entries\", \"id\": \"124\"}");
        assertTrue(!after.equals(before), "the fixture holds 6002's subject_ref");
        EventsPage first = EventsPage.parse(Fixtures.response(before));
        EventsPage second = EventsPage.parse(Fixtures.response(after));
        RecordProblem a = mapper.map(first.entries().get(1), first).problem();
        RecordProblem b = mapper.map(second.entries().get(1), second).problem();
        assertEquals("6002", a.recordId());
        assertFalse(a.raw().equals(b.raw()));
        assertEquals(a.fingerprint(), b.fingerprint());
        RecordProblem other = mapper.map(first.entries().get(2), first).problem();
        assertFalse(a.fingerprint().equals(other.fingerprint()), "another event is another problem");
    }

    private static void assertSetAside(EventMapper.Outcome outcome, String reasonPart) {
        assertNull(outcome.event(), "no event for a set-aside record");
        assertNotNull(outcome.problem());
        assertFalse(outcome.problem().eventStored());
        assertTrue(outcome.problem().reason().contains(reasonPart), outcome.problem().reason());
        assertFalse(outcome.problem().raw().isEmpty());
    }
}
