package io.activitygateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.sandbox.kantata.SubjectType;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.testkit.SettableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Auth, validation, paging, ordering, filters, include and optional fields of subscribed_events. */
class KantataApiTest {

    static final Instant T0 = Instant.parse("2024-06-03T12:00:00Z");
    static final String TOKEN = "kantata-admin-token";

    static SettableClock clock = new SettableClock(T0);
    static Sandbox sandbox;
    /** 45 injected events, oldest first, created one second apart. */
    static List<TruthEntry> injected = new ArrayList<>();
    static List<Long> timeEntries;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().clock(clock).seed(7).apis(Api.KANTATA)
                .kantata(k -> k.duplicates(false).lateness(false)).start();
        timeEntries = sandbox.kantata().subjectIds(SubjectType.TIME_ENTRY);
        long[] users = {sandbox.world().person(0).kantataUserId(), sandbox.world().person(1).kantataUserId()};
        for (int i = 0; i < 45; i++) {
            Instant created = T0.minusSeconds(45 - i);
            injected.add(sandbox.kantata().inject(i % 3 == 0 ? "time_entry:created" : "time_entry:updated")
                    .subject("TimeEntry", timeEntries.get(i % 4))
                    .user(users[i % 2])
                    .createdAt(created).changedAt(created.minusSeconds(5))
                    .change("time_in_minutes", 60L + i, 90L + i).emit());
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Http.Response get(String query) {
        return Http.get(sandbox.kantataBaseUrl() + "/subscribed_events" + (query.isEmpty() ? "" : "?" + query), TOKEN);
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("results").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    static String id(int index) {
        return injected.get(index).upstreamIds().get(0);
    }

    @Test
    void refusesMissingWrongAndNonAdminTokens() {
        for (String token : new String[] {null, "nope"}) {
            Http.Response r = Http.get(sandbox.kantataBaseUrl() + "/subscribed_events", token);
            assertEquals(401, r.status());
            assertEquals("unauthorized", r.json().at("/errors/0/type").asText());
            assertTrue(r.json().at("/errors/0/message").isTextual());
        }
        Http.Response member = Http.get(sandbox.kantataBaseUrl() + "/subscribed_events", "kantata-member-token");
        assertEquals(403, member.status());
        assertEquals("forbidden", member.json().at("/errors/0/type").asText());
        assertEquals(404, Http.get(sandbox.kantataBaseUrl() + "/workspaces", TOKEN).status());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "most_recent=true&most_recent_by_event_type=true | 422 | validation",
        "subject_id=5                                   | 422 | validation",
        "per_page=201                                   | 422 | validation",
        "per_page=0                                     | 422 | validation",
        "page=0                                         | 422 | validation",
        "order=updated_at:asc                           | 422 | validation",
        "order=created_at                               | 422 | validation",
        "subject_type=Banana                            | 422 | validation",
        "subject_type=timeentry&subject_id=1            | 422 | validation",
        "optional_fields[]=nope                         | 422 | validation",
        "optional_fields=payload_changes,nope           | 422 | validation",
        "include=owner                                  | 422 | validation",
        "created_after=yesterday                        | 400 | bad_request",
        "created_before=2024-13-40T00:00:00Z            | 400 | bad_request",
        "page=two                                       | 400 | bad_request",
        "per_page=20.5                                  | 400 | bad_request",
        "most_recent=maybe                              | 400 | bad_request",
        "user_ids=5,abc                                 | 400 | bad_request",
    })
    void rejectsInvalidParametersInTheDocumentedShape(String query, int status, String type) {
        Http.Response r = get(query.strip());
        assertEquals(status, r.status(), r.body());
        JsonNode errors = r.json().get("errors");
        assertEquals(1, errors.size());
        assertEquals(type, errors.get(0).get("type").asText());
        assertFalse(errors.get(0).get("message").asText().isBlank());
    }

    @ParameterizedTest
    @CsvSource({"per_page=200", "per_page=1", "subject_type=Invoice", "order=created_at:asc",
        "created_after=2024-06-03", "created_after=2024-06-03T14:00:00%2B02:00", "most_recent=false&most_recent_by_event_type=true"})
    void acceptsValidEdgeValues(String query) {
        assertEquals(200, get(query).status());
    }

    @Test
    void firstPageIsShapedLikeTheDocumentedSample() {
        JsonNode page = get("").json();
        assertEquals(List.of("count", "meta", "results", "subscribed_events"), fieldNames(page));
        assertEquals(45, page.get("count").asInt());
        assertEquals(45, page.at("/meta/count").asInt());
        assertEquals(3, page.at("/meta/page_count").asInt());
        assertEquals(1, page.at("/meta/page_number").asInt());
        assertEquals(20, page.at("/meta/page_size").asInt());
        List<String> ids = ids(page);
        assertEquals(20, ids.size());
        assertEquals(id(44), ids.get(0), "default order is created_at:desc");
        page.get("results").forEach(r -> assertEquals("subscribed_events", r.get("key").asText()));
        assertEquals(new HashSet<>(ids), new HashSet<>(fieldNames(page.get("subscribed_events"))));
        JsonNode event = page.at("/subscribed_events/" + id(44));
        assertEquals(List.of("account_id", "created_at", "event_type", "subject_changed_at", "subject_id",
                "subject_type", "user_id"), fieldNames(event));
        assertEquals("2024-06-03T11:59:59Z", event.get("created_at").asText());
        assertEquals("2024-06-03T11:59:54Z", event.get("subject_changed_at").asText());
        assertEquals("TimeEntry", event.get("subject_type").asText());
        assertTrue(event.get("subject_id").isIntegralNumber());
        assertEquals(3517, event.get("account_id").asInt());
    }

    @Test
    void pagesInBothOrdersCoverEveryEventOnceInOrder() {
        for (String order : new String[] {"created_at:asc", "created_at:desc"}) {
            List<String> seen = new ArrayList<>();
            for (int page = 1; page <= 7; page++) {
                JsonNode body = get("order=" + order + "&per_page=7&page=" + page).json();
                assertEquals(7, body.at("/meta/page_count").asInt());
                seen.addAll(ids(body));
            }
            List<String> expected = new ArrayList<>();
            injected.forEach(e -> expected.add(e.upstreamIds().get(0)));
            if (order.endsWith("desc")) {
                java.util.Collections.reverse(expected);
            }
            assertEquals(expected, seen, order);
        }
        JsonNode beyond = get("page=9").json();
        assertEquals(0, beyond.get("results").size());
        assertEquals(45, beyond.get("count").asInt());
    }

    @Test
    void createdAfterAndBeforeAreExclusive() {
        String after = T0.minusSeconds(45 - 10).toString();
        String before = T0.minusSeconds(45 - 20).toString();
        JsonNode page = get("order=created_at:asc&per_page=200&created_after=" + after + "&created_before=" + before).json();
        List<String> expected = new ArrayList<>();
        for (int i = 11; i < 20; i++) {
            expected.add(id(i));
        }
        assertEquals(expected, ids(page));
    }

    @Test
    void filtersByEventTypesUsersSubjectsAndOnly() {
        assertEquals(15, get("event_types=time_entry:created&per_page=200").json().get("count").asInt());
        assertEquals(45, get("event_types=time_entry:created,time_entry:updated,time_entry:deleted").json().get("count").asInt());
        long user1 = sandbox.world().person(1).kantataUserId();
        JsonNode byUser = get("user_ids=" + user1 + "&per_page=200").json();
        assertEquals(22, byUser.get("count").asInt());
        byUser.get("subscribed_events").forEach(e -> assertEquals(user1, e.get("user_id").asLong()));
        JsonNode bySubject = get("subject_type=TimeEntry&subject_id=" + timeEntries.get(0) + "," + timeEntries.get(1)
                + "&per_page=200").json();
        assertEquals(23, bySubject.get("count").asInt());
        assertEquals(45, get("subject_type=TimeEntry").json().get("count").asInt());
        assertEquals(0, get("subject_type=Workspace").json().get("count").asInt());
        JsonNode combined = get("event_types=time_entry:created&user_ids=" + user1 + "&per_page=200").json();
        combined.get("subscribed_events").forEach(e -> {
            assertEquals(user1, e.get("user_id").asLong());
            assertEquals("time_entry:created", e.get("event_type").asText());
        });
        assertEquals(7, combined.get("count").asInt());
        assertEquals(List.of(id(30), id(3), id(2)),
                ids(get("only=" + id(3) + "," + id(30) + "," + id(2) + ",1").json()));
    }

    @Test
    void mostRecentKeepsTheNewestPerSubjectOrPerSubjectAndType() {
        JsonNode latest = get("most_recent=true&order=created_at:asc").json();
        assertEquals(List.of(id(41), id(42), id(43), id(44)), ids(latest));
        JsonNode byType = get("most_recent_by_event_type=true&per_page=200&order=created_at:asc").json();
        assertEquals(8, byType.get("count").asInt());
        assertTrue(ids(byType).containsAll(List.of(id(41), id(42), id(43), id(44), id(39), id(36))));
    }

    @Test
    void optionalFieldsComeOnlyWhenAskedInEitherSpelling() {
        String one = id(40);
        assertFalse(get("only=" + one).json().at("/subscribed_events/" + one).has("payload_changes"));
        for (String query : new String[] {
            "optional_fields[]=payload_changes&optional_fields[]=previous_payload&optional_fields[]=current_payload",
            "optional_fields=payload_changes,previous_payload,current_payload"}) {
            JsonNode event = get("only=" + one + "&" + query).json().at("/subscribed_events/" + one);
            assertEquals(List.of("account_id", "created_at", "current_payload", "event_type", "payload_changes",
                    "previous_payload", "subject_changed_at", "subject_id", "subject_type", "user_id"), fieldNames(event));
            assertEquals(100, event.at("/payload_changes/time_in_minutes/0").asInt());
            assertEquals(130, event.at("/payload_changes/time_in_minutes/1").asInt());
            assertEquals(100, event.at("/previous_payload/time_in_minutes").asInt());
            assertEquals(130, event.at("/current_payload/time_in_minutes").asInt());
        }
        JsonNode created = get("only=" + id(39) + "&optional_fields=previous_payload").json().at("/subscribed_events/" + id(39));
        assertTrue(created.get("previous_payload").isNull(), "nothing existed before a create");
    }

    @Test
    void includeSubjectAddsRefsAndSideLoadsAndNullForDeletedSubjects() {
        long story = sandbox.kantata().subjectIds(SubjectType.STORY).get(0);
        long workspace = sandbox.kantata().subjectIds(SubjectType.WORKSPACE).get(0);
        Instant at = T0.plusSeconds(1);
        clock.set(at);
        try {
            TruthEntry storyEvent = sandbox.kantata().inject("story:updated").subject("Story", story).createdAt(at)
                    .change("state", "started", "completed").emit();
            TruthEntry workspaceEvent = sandbox.kantata().inject("workspace:updated").subject("Workspace", workspace)
                    .createdAt(at).change("status", "in_progress", "on_hold").emit();
            long doomed = sandbox.kantata().subjectIds(SubjectType.EXPENSE).get(0);
            TruthEntry expenseDeleted = sandbox.kantata().inject("expense:deleted").subject("Expense", doomed)
                    .createdAt(at).emit();
            JsonNode page = get("include=subject&created_after=" + T0 + "&per_page=200").json();
            String storyId = storyEvent.upstreamIds().get(0);
            assertEquals("stories", page.at("/subscribed_events/" + storyId + "/subject_ref/key").asText());
            assertEquals(Long.toString(story), page.at("/subscribed_events/" + storyId + "/subject_ref/id").asText());
            assertTrue(page.at("/stories/" + story + "/title").isTextual());
            String workspaceId = workspaceEvent.upstreamIds().get(0);
            assertEquals("workspaces", page.at("/subscribed_events/" + workspaceId + "/subject_ref/key").asText());
            assertEquals("on_hold", page.at("/workspaces/" + workspace + "/status").asText());
            String expenseId = expenseDeleted.upstreamIds().get(0);
            assertTrue(page.at("/subscribed_events/" + expenseId).has("subject_ref"));
            assertTrue(page.at("/subscribed_events/" + expenseId + "/subject_ref").isNull());
            assertFalse(page.has("expenses"), "a deleted subject is not side-loaded");

            JsonNode entries = get("include=subject&only=" + id(0)).json();
            assertEquals("time_entries", entries.at("/subscribed_events/" + id(0) + "/subject_ref/key").asText());
            assertTrue(entries.at("/time_entries/" + timeEntries.get(0) + "/notes").isTextual());
            assertNull(get("only=" + id(0)).json().get("time_entries"), "no side-loads without include");
        } finally {
            clock.set(T0);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static Set<String> set(List<String> list) {
        return new HashSet<>(list);
    }
}
