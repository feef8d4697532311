package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageMapperTest {

    private static final String ORIGIN = "https://acme.worksection.com";
    private final PageMapper mapper = new PageMapper(
            new RecordMapper(new Links(URI.create(ORIGIN + "/api/admin/v2/"))),
            new AccountTime(ZoneId.of("Europe/Kyiv")));
    private final Window window = new Window(Instant.parse("2026-01-14T05:00:00Z"),
            Instant.parse("2026-01-14T08:00:00Z"), new Period(181, ChronoUnit.MINUTES), Optional.empty());

    private PageMapper.Page map(String fixture) {
        return mapper.map(Fixtures.records(fixture), window);
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void mapsTheVendorSampleCommentEdit() throws Exception {
        SourceEvent e = map("vendor-sample.json").events().get(0);
        assertEquals(EventType.UPDATED, e.type());
        assertEquals("update", e.sourceType());
        assertEquals(Instant.parse("2026-01-14T07:05:00Z"), e.occurredAt(), "09:05 in Kyiv (UTC+2 in January)");
        assertEquals(TimePrecision.MINUTE, e.occurredAtPrecision());
        assertNull(e.recordedAt());
        assertEquals(new Actor("12", "Jane Doe", "jane@example.com"), e.actor());
        assertEquals(new ObjectRef("comment", "5301", null, ORIGIN + "/project/71/4242/"), e.object());
        assertEquals(new ObjectRef("project", "71", null, ORIGIN + "/project/71/"), e.container());
        assertEquals(List.of(new FieldChange("text", json("\"Ship it on Thursday\""), json("\"Ship it on Friday\""))),
                e.changes());
        assertEquals("Jane Doe updated comment 5301 (text: Ship it on Thursday → Ship it on Friday)", e.summary());
        assertEquals(Fixtures.records("vendor-sample.json").get(0), e.raw());
        assertEquals(e.key(), e.sourceEventId());
        assertTrue(e.key().matches("[0-9a-f]{64}#0"), e.key());
    }

    @Test
    void mapsTheVendorSampleDueDateChange() throws Exception {
        SourceEvent e = map("vendor-sample.json").events().get(1);
        assertEquals(new ObjectRef("task", "4242", null, ORIGIN + "/project/71/4242/"), e.object());
        assertEquals(List.of(new FieldChange("date_end", json("\"2026-01-01\""), json("\"2026-01-05\""))),
                e.changes());
        assertEquals("Jane Doe updated task 4242 (date_end: 2026-01-01 → 2026-01-05)", e.summary());
    }

    @Test
    void mapsEveryDocumentedActionAndKeepsUnknownOnesVisible() {
        List<SourceEvent> events = map("every-action.json").events();
        assertEquals(List.of(EventType.CREATED, EventType.CREATED, EventType.CREATED, EventType.CLOSED,
                EventType.REOPENED, EventType.DELETED, EventType.OTHER), events.stream().map(SourceEvent::type).toList());
        assertEquals(List.of("post", "post", "post", "close", "reopen", "delete", "archive"),
                events.stream().map(SourceEvent::sourceType).toList());

        SourceEvent project = events.get(0);
        assertEquals(new ObjectRef("project", "71", "Website relaunch", ORIGIN + "/project/71/"), project.object());
        assertNull(project.container(), "a project lies in no container");
        assertEquals("Jane Doe created project 71 \"Website relaunch\"", project.summary());

        SourceEvent task = events.get(1);
        assertEquals("Design review", task.object().name());
        assertEquals(List.of("name", "date_end"), task.changes().stream().map(FieldChange::field).toList());
        assertTrue(task.changes().stream().allMatch(c -> c.oldValue().isNull()), "a creation has no old values");
        assertEquals("Jane Doe created task 4242 \"Design review\"", task.summary());

        assertEquals("Omar Haddad created comment 5301", events.get(2).summary());
        assertEquals("Jane Doe closed task 4242", events.get(3).summary());
        assertTrue(events.get(3).changes().isEmpty());
        assertEquals("Omar Haddad reopened task 4242", events.get(4).summary());
        assertEquals("Omar Haddad deleted comment 5301", events.get(5).summary());
        assertEquals(new ObjectRef("project", "71", null, ORIGIN + "/project/71/"), events.get(5).container());
        assertEquals("Jane Doe did \"archive\" on project 71", events.get(6).summary());
        assertTrue(map("every-action.json").problems().isEmpty());
    }

    @Test
    void setsAsideWhatCannotBeReadAndIngestsTheRest() {
        PageMapper.Page page = map("malformed.json");
        assertEquals(List.of("4242", "4248"), page.events().stream().map(e -> e.object().id()).toList());
        List<RecordProblem> asideProblems = page.problems().stream().filter(p -> !p.eventStored()).toList();
        assertEquals(List.of("no date_added", "date_added 'yesterday' is not YYYY-MM-DD HH:MM",
                        "a record is string, not an object", "no object type and id", "no action"),
                asideProblems.stream().map(RecordProblem::reason).toList());
        assertTrue(asideProblems.get(0).raw().contains("\"4243\""), "the raw record is kept");
        RecordProblem partial = page.problems().stream().filter(RecordProblem::eventStored).findFirst().orElseThrow();
        assertTrue(partial.reason().contains("'new' is string"), partial.reason());
        assertTrue(page.events().get(1).changes().isEmpty());
        assertEquals(Actor.UNKNOWN.name(), page.events().get(1).actor().name());
        assertEquals("user 12 updated task 4248", page.events().get(1).summary());
    }

    @Test
    void identicalRecordsInOneMinuteAreTwoEventsWithStableKeys() throws Exception {
        JsonNode once = Fixtures.records("vendor-sample.json").get(1);
        List<SourceEvent> twice = mapper.map(List.of(once, once.deepCopy(), Fixtures.records("vendor-sample.json")
                .get(0)), window).events();
        assertEquals(3, twice.size());
        String fingerprint = twice.get(0).key().substring(0, 64);
        assertEquals(fingerprint + "#0", twice.get(0).key());
        assertEquals(fingerprint + "#1", twice.get(1).key());
        assertTrue(twice.get(2).key().endsWith("#0"));
        assertNotEquals(fingerprint, twice.get(2).key().substring(0, 64));

        List<SourceEvent> readAgain = mapper.map(List.of(Fixtures.records("vendor-sample.json").get(0), once), window)
                .events();
        assertEquals(twice.get(2).key(), readAgain.get(0).key(), "a re-read gives the same key whatever the order");
        assertEquals(twice.get(0).key(), readAgain.get(1).key());
    }

    @Test
    void summariesShortenLongValuesAndListAtMostThreeFields() throws Exception {
        String longText = "word ".repeat(40);
        JsonNode record = json("""
                {"action":"update","object":{"type":"task","id":"9","page":"/project/1/9/"},
                 "date_added":"2026-01-14 09:06","user_from":{"email":"ops@example.com"},
                 "new":{"text":"%s","a":"2","b":"3","c":"4"},"old":{"text":"short","a":"1","b":"2","c":"3"}}"""
                .formatted(longText));
        List<JsonNode> records = new ArrayList<>(List.of(record));
        SourceEvent e = mapper.map(records, window).events().get(0);
        assertTrue(e.summary().startsWith("ops@example.com updated task 9 (text: short → word word"), e.summary());
        assertTrue(e.summary().contains("…"), e.summary());
        assertTrue(e.summary().endsWith("; 1 more)"), e.summary());
        assertFalse(e.summary().contains("c: 3"), e.summary());
        assertEquals(4, e.changes().size(), "changes keep every field");
    }
}
