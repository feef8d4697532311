package io.activitygateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.testkit.SettableClock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** get_events: hash auth, period windows and their edges, projects, time zones and DST, identical records, cap. */
class WorksectionTest {

    static final Instant T0 = Instant.parse("2024-06-03T12:00:00Z");
    static final String KEY = "worksection-api-key";

    private static Sandbox start(SettableClock clock, ZoneId zone) {
        return Sandbox.builder().clock(clock).seed(5).apis(Api.WORKSECTION)
                .worksection(w -> w.zone(zone).identicalRecords(false)).start();
    }

    static String md5(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }

    /** Signs {@code query} independently of the simulator: MD5(query + key), lower-case hex. */
    static JsonNode get(Sandbox sandbox, String query) throws Exception {
        Http.Response response = Http.get(sandbox.worksectionBaseUrl() + "?" + query + "&hash=" + md5(query + KEY));
        assertEquals(200, response.status(), "Worksection answers API errors with HTTP 200");
        return response.json();
    }

    static List<String> marks(JsonNode body) {
        List<String> marks = new ArrayList<>();
        body.get("data").forEach(r -> marks.add(r.at("/new/text").asText()));
        return marks;
    }

    @Test
    void acceptsOnlyTheHashOfTheQueryAsSentPlusTheKey() throws Exception {
        try (Sandbox sandbox = start(new SettableClock(T0), ZoneId.of("UTC"))) {
            String base = sandbox.worksectionBaseUrl() + "?";
            assertEquals("ok", get(sandbox, "action=get_events&period=1h").get("status").asText());
            long project = sandbox.worksection().objectIds("project").get(0);
            String reordered = "id_project=" + project + "&period=2h&action=get_events";
            assertEquals("ok", get(sandbox, reordered).get("status").asText(), "any order, signed as sent");
            String[] bad = {
                "action=get_events&period=1h&hash=" + md5("action=get_events&period=1hwrong-key"),
                "action=get_events&period=1h&hash=" + md5("period=1h&action=get_events" + KEY),
                "action=get_events&period=1h",
                "period=1h&hash=" + md5("period=1h" + KEY),
            };
            for (String query : bad) {
                JsonNode body = Http.get(base + query).json();
                assertEquals("error", body.get("status").asText(), query);
                assertEquals(401, body.get("status_code").asInt(), query);
                assertTrue(body.get("message").isTextual());
                assertFalse(body.has("data"));
            }
            JsonNode unknownAction = get(sandbox, "action=get_tasks&period=1h");
            assertEquals(400, unknownAction.get("status_code").asInt());
            assertEquals("ok", Http.get(base + sandbox.worksection().signedQuery("action=get_events&period=3d"))
                    .json().get("status").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1m", "360m", "1h", "72h", "1d", "30d", "90m", "12h"})
    void acceptsEveryDocumentedPeriodForm(String period) throws Exception {
        try (Sandbox sandbox = start(new SettableClock(T0), ZoneId.of("UTC"))) {
            assertEquals("ok", get(sandbox, "action=get_events&period=" + period).get("status").asText());
        }
    }

    @Test
    void rejectsEveryOtherPeriod() throws Exception {
        try (Sandbox sandbox = start(new SettableClock(T0), ZoneId.of("UTC"))) {
            for (String period : List.of("0m", "361m", "0h", "73h", "0d", "31d", "1w", "5", "-1h", "01h", "1.5h",
                    "1H", "h", "", "1h%20")) {
                JsonNode body = get(sandbox, "action=get_events&period=" + period);
                assertEquals("error", body.get("status").asText(), period);
                assertEquals(400, body.get("status_code").asInt(), period);
            }
            assertEquals(400, get(sandbox, "action=get_events").get("status_code").asInt(), "period is required");
        }
    }

    @Test
    void returnsExactlyTheRecordsWhoseMomentLiesInTheClosedWindow() throws Exception {
        SettableClock clock = new SettableClock(T0);
        try (Sandbox sandbox = start(clock, ZoneId.of("UTC"))) {
            long comment = sandbox.worksection().objectIds("comment").get(0);
            Instant[] at = {T0.minus(Duration.ofHours(1)).minusMillis(1), T0.minus(Duration.ofHours(1)),
                T0.minusSeconds(1), T0, T0.plusSeconds(1)};
            for (int i = 0; i < at.length; i++) {
                sandbox.worksection().inject("update", "comment", comment).at(at[i]).newValue("text", "r" + i)
                        .oldValue("text", "before").emit();
            }
            assertEquals(List.of("r1", "r2", "r3"), marks(get(sandbox, "action=get_events&period=1h")));
            assertEquals(List.of("r1", "r2", "r3"), marks(get(sandbox, "action=get_events&period=60m")));
            assertEquals(List.of("r2", "r3"), marks(get(sandbox, "action=get_events&period=1m")));
            clock.advance(Duration.ofSeconds(1));
            assertEquals(List.of("r2", "r3", "r4"), marks(get(sandbox, "action=get_events&period=1m")));
        }
    }

    @Test
    void idProjectNarrowsToOneProjectAndUnknownProjectsAreErrors() throws Exception {
        try (Sandbox sandbox = start(new SettableClock(T0), ZoneId.of("UTC"))) {
            List<Long> projects = sandbox.worksection().objectIds("project");
            for (int i = 0; i < 6; i++) {
                sandbox.worksection().inject("update", "project", projects.get(i % 2)).at(T0.minusSeconds(60 - i))
                        .newValue("text", "p" + i).emit();
            }
            JsonNode one = get(sandbox, "action=get_events&period=1h&id_project=" + projects.get(1));
            assertEquals(List.of("p1", "p3", "p5"), marks(one));
            one.get("data").forEach(r -> assertEquals("/project/" + projects.get(1) + "/", r.at("/object/page").asText()));
            assertEquals(6, get(sandbox, "action=get_events&period=1h").get("data").size());
            for (String unknown : List.of("999999", "abc", "0")) {
                JsonNode body = get(sandbox, "action=get_events&period=1h&id_project=" + unknown);
                assertEquals("error", body.get("status").asText());
                assertEquals(404, body.get("status_code").asInt());
            }
        }
    }

    @Test
    void recordsAreShapedLikeTheDocumentedSample() throws Exception {
        try (Sandbox sandbox = start(new SettableClock(T0), ZoneId.of("UTC"))) {
            long comment = sandbox.worksection().objectIds("comment").get(0);
            long task = sandbox.worksection().objectIds("task").get(0);
            sandbox.worksection().inject("update", "comment", comment).at(T0.minusSeconds(30))
                    .newValue("text", "new <b>text</b> & more").oldValue("text", "old").emit();
            sandbox.worksection().inject("close", "task", task).at(T0.minusSeconds(20)).emit();
            JsonNode data = get(sandbox, "action=get_events&period=1m").get("data");
            JsonNode update = data.get(0);
            assertEquals(List.of("action", "object", "date_added", "user_from", "new", "old"),
                    KantataApiTest.fieldNames(update));
            assertEquals("update", update.get("action").asText());
            assertEquals("comment", update.at("/object/type").asText());
            assertEquals(Long.toString(comment), update.at("/object/id").asText());
            assertTrue(update.at("/object/page").asText().matches("/project/\\d+/\\d+/"), "a comment's page is its task's");
            assertEquals("2024-06-03 11:59", update.get("date_added").asText());
            assertEquals(sandbox.world().person(0).email(), update.at("/user_from/email").asText());
            assertEquals(sandbox.world().person(0).name(), update.at("/user_from/name").asText());
            assertTrue(update.at("/user_from/id").isTextual());
            assertEquals("new <b>text</b> & more", update.at("/new/text").asText());
            JsonNode close = data.get(1);
            assertEquals("/project/" + close.at("/object/page").asText().split("/")[2] + "/" + task + "/",
                    close.at("/object/page").asText());
            assertFalse(close.has("new"));
            assertFalse(close.has("old"));
        }
    }

    @Test
    void dateAddedIsTheAccountsLocalMinuteAcrossDstChanges() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2024-04-20T00:00:00Z"));
        try (Sandbox sandbox = start(clock, ZoneId.of("Europe/Kyiv"))) {
            long task = sandbox.worksection().objectIds("task").get(0);
            // Spring forward: 03:00 local (01:00Z) becomes 04:00.
            for (String at : List.of("2024-03-31T00:59:30Z", "2024-03-31T01:00:30Z")) {
                sandbox.worksection().inject("update", "task", task).at(Instant.parse(at)).newValue("text", at).emit();
            }
            List<String> spring = new ArrayList<>();
            get(sandbox, "action=get_events&period=30d").get("data").forEach(r -> spring.add(r.get("date_added").asText()));
            assertEquals(List.of("2024-03-31 02:59", "2024-03-31 04:00"), spring);

            clock.set(Instant.parse("2024-10-28T00:00:00Z"));
            // Fall back: 04:00 local (01:00Z) becomes 03:00, so two different instants show the same minute.
            for (String at : List.of("2024-10-27T00:30:10Z", "2024-10-27T01:30:50Z")) {
                sandbox.worksection().inject("update", "task", task).at(Instant.parse(at)).newValue("text", at).emit();
            }
            List<String> autumn = new ArrayList<>();
            get(sandbox, "action=get_events&period=2d").get("data").forEach(r -> autumn.add(r.get("date_added").asText()));
            assertEquals(List.of("2024-10-27 03:30", "2024-10-27 03:30"), autumn);

            sandbox.worksection().settings().zone(ZoneId.of("America/New_York"));
            JsonNode ny = get(sandbox, "action=get_events&period=2d").get("data");
            assertEquals("2024-10-26 20:30", ny.get(0).get("date_added").asText());
            assertEquals("2024-10-26 21:30", ny.get(1).get("date_added").asText());
        }
    }

    @Test
    void twoIdenticalRecordsInOneMinuteAreTwoChanges() throws Exception {
        try (Sandbox sandbox = start(new SettableClock(T0), ZoneId.of("UTC"))) {
            long task = sandbox.worksection().objectIds("task").get(0);
            TruthEntry first = sandbox.worksection().inject("update", "task", task).at(T0.minusSeconds(50))
                    .newValue("date_end", "2024-07-01").oldValue("date_end", "2024-06-30").emit();
            TruthEntry second = sandbox.worksection().inject("update", "task", task).at(T0.minusSeconds(10))
                    .newValue("date_end", "2024-07-01").oldValue("date_end", "2024-06-30").emit();
            JsonNode data = get(sandbox, "action=get_events&period=1m").get("data");
            assertEquals(2, data.size());
            assertEquals(data.get(0), data.get(1), "byte-for-byte the same record");
            assertNotEquals(first.changeId(), second.changeId());
            assertEquals(2, sandbox.truth().size(Api.WORKSECTION));
            assertTrue(first.upstreamIds().isEmpty(), "Worksection records carry no id");
        }
    }

    @Test
    void theGeneratorEmitsIdenticalPairsWhenAskedTo() throws Exception {
        SettableClock clock = new SettableClock(T0);
        try (Sandbox sandbox = Sandbox.builder().clock(clock).seed(5).apis(Api.WORKSECTION)
                .worksection(w -> w.identicalRecords(true, 0.5)).start()) {
            int added = sandbox.generator().generate(300);
            assertEquals(added, sandbox.truth().size(Api.WORKSECTION));
            assertTrue(added > 330, "pairs add entries beyond the 300 steps: " + added);
            JsonNode data = get(sandbox, "action=get_events&period=2m").get("data");
            assertEquals(added, data.size(), "every change is a record");
            java.util.Map<JsonNode, Integer> copies = new java.util.HashMap<>();
            data.forEach(r -> copies.merge(r, 1, Integer::sum));
            long repeated = copies.values().stream().filter(n -> n > 1).count();
            assertTrue(repeated > 20, "identical records are served: " + repeated);
        }
    }

    @Test
    void aResponseStopsAtTheRecordCapKeepingTheOldest() throws Exception {
        try (Sandbox sandbox = start(new SettableClock(T0), ZoneId.of("UTC"))) {
            sandbox.worksection().settings().maxRecords(5);
            long comment = sandbox.worksection().objectIds("comment").get(0);
            for (int i = 0; i < 8; i++) {
                sandbox.worksection().inject("update", "comment", comment).at(T0.minusSeconds(80 - i))
                        .newValue("text", "c" + i).emit();
            }
            assertEquals(List.of("c0", "c1", "c2", "c3", "c4"), marks(get(sandbox, "action=get_events&period=1h")));
        }
    }
}
