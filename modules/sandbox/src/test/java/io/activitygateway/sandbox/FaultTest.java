package io.activitygateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.sandbox.fault.Fault;
import io.activitygateway.sandbox.fault.Malformation;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.onehub.Verb;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.testkit.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault kind, scripted and random, on each API; malformed records inside good pages. */
class FaultTest {

    static final Instant T0 = Instant.parse("2024-06-03T12:00:00Z");

    SettableClock clock;
    Sandbox sandbox;
    String kantata;
    String worksection;
    String onehub;
    String onehubToken;

    @BeforeEach
    void start() {
        clock = new SettableClock(T0);
        sandbox = Sandbox.builder().clock(clock).seed(21).kantata(k -> k.lateness(false).duplicates(false)).start();
        kantata = sandbox.kantataBaseUrl() + "/subscribed_events";
        worksection = sandbox.worksectionBaseUrl() + "?" + sandbox.worksection().signedQuery("action=get_events&period=1h");
        onehub = sandbox.onehubBaseUrl() + "/activity/";
        onehubToken = OnehubSimulator.token(sandbox.world().person(0));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    Http.Response call(Api api) {
        return switch (api) {
            case KANTATA -> Http.get(kantata, "kantata-admin-token");
            case WORKSECTION -> Http.get(worksection);
            case ONEHUB -> Http.get(onehub, onehubToken);
        };
    }

    @Test
    void scriptedStatusBurstsHitExactlyTheNextRequestsThenStop() {
        sandbox.faults().next(Api.KANTATA, 2, Fault.status(503)).next(1, Fault.status(500));
        Http.Response first = call(Api.KANTATA);
        assertEquals(503, first.status());
        assertEquals("unavailable", first.json().at("/errors/0/type").asText());
        assertEquals(503, call(Api.KANTATA).status());
        assertEquals(500, call(Api.KANTATA).status());
        assertEquals(200, call(Api.KANTATA).status());
        assertEquals(3, sandbox.faults().plan(Api.KANTATA).served());

        sandbox.faults().next(Api.WORKSECTION, 1, Fault.status(502));
        Http.Response ws = call(Api.WORKSECTION);
        assertEquals(502, ws.status());
        assertEquals("error", ws.json().get("status").asText());
        assertEquals(200, call(Api.WORKSECTION).status());

        sandbox.faults().next(Api.ONEHUB, 1, Fault.status(500));
        Http.Response oh = call(Api.ONEHUB);
        assertEquals(500, oh.status());
        assertTrue(oh.json().get("error").isTextual());
        assertEquals(200, call(Api.ONEHUB).status());
        assertEquals(200, call(Api.KANTATA).status(), "a fault on one API leaves the others alone");
    }

    @Test
    void tooManyRequestsCarriesRetryAfterExceptOnKantata() {
        for (Api api : Api.values()) {
            sandbox.faults().next(api, 1, Fault.tooManyRequests(Duration.ofSeconds(2)));
            Http.Response r = call(api);
            assertEquals(429, r.status(), api.id());
            if (api == Api.KANTATA) {
                assertTrue(r.headers().firstValue("Retry-After").isEmpty());
                assertEquals("rate_limited", r.json().at("/errors/0/type").asText());
            } else {
                assertEquals("2", r.headers().firstValue("Retry-After").orElseThrow(), api.id());
            }
            assertEquals(200, call(api).status());
        }
    }

    @Test
    void slowResponsesArriveLateAndLongDelaysTimeClientsOut() throws Exception {
        sandbox.faults().next(Api.ONEHUB, 1, Fault.delay(Duration.ofMillis(400)));
        long started = System.nanoTime();
        assertEquals(200, call(Api.ONEHUB).status());
        assertTrue(System.nanoTime() - started >= 400_000_000L, "the answer waited for the delay");

        sandbox.faults().next(Api.KANTATA, 1, Fault.delay(Duration.ofSeconds(3)));
        var request = Http.request(kantata, "kantata-admin-token").timeout(Duration.ofMillis(300)).GET().build();
        assertThrows(HttpTimeoutException.class, () -> Http.raw(request));
        long again = System.nanoTime();
        assertEquals(200, call(Api.KANTATA).status(), "other requests are served while one hangs");
        assertTrue(System.nanoTime() - again < 2_000_000_000L);
    }

    @Test
    void truncatedBodiesFailTheClientWithAnIoError() {
        for (Api api : Api.values()) {
            sandbox.faults().next(api, 1, Fault.truncated());
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> call(api), api.id());
            assertTrue(e.getCause() instanceof IOException);
            assertFalse(e.getCause() instanceof HttpTimeoutException);
            assertEquals(200, call(api).status());
        }
    }

    @Test
    void notJsonIsAnHtmlPageWithStatus200() {
        sandbox.faults().next(Api.KANTATA, 1, Fault.notJson());
        Http.Response r = call(Api.KANTATA);
        assertEquals(200, r.status());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(r.body().startsWith("<!DOCTYPE html>"));
        assertThrows(UncheckedIOException.class, r::json);
    }

    @Test
    void malformedRecordsSitAmongGoodOnesAndAreMarkedInTheTruth() {
        sandbox.generator().generate(60);
        TruthEntry badTime = sandbox.kantata().inject("time_entry:updated")
                .malformed(Malformation.KANTATA_CREATED_AT_NOT_A_TIME).emit();
        TruthEntry noType = sandbox.kantata().inject("story:updated").malformed(Malformation.KANTATA_NO_EVENT_TYPE).emit();
        JsonNode page = Http.get(kantata + "?per_page=200", "kantata-admin-token").json();
        assertEquals("yesterday", page.at("/subscribed_events/" + badTime.upstreamIds().get(0) + "/created_at").asText());
        assertFalse(page.at("/subscribed_events/" + noType.upstreamIds().get(0)).has("event_type"));
        assertTrue(page.get("count").asInt() > 10, "the rest of the page is good");
        List<TruthEntry> kantataTruth = sandbox.truth().of(Api.KANTATA);
        assertEquals(2, kantataTruth.stream().filter(t -> t.malformed() != null).count());

        long comment = sandbox.worksection().objectIds("comment").get(0);
        sandbox.worksection().inject("update", "comment", comment).newValue("text", "x")
                .malformed(Malformation.WORKSECTION_NO_DATE_ADDED).emit();
        JsonNode records = call(Api.WORKSECTION).json().get("data");
        int missing = 0;
        for (JsonNode record : records) {
            missing += record.has("date_added") ? 0 : 1;
        }
        assertEquals(1, missing);
        assertTrue(records.size() > 5);

        TruthEntry garbage = sandbox.onehub().inject(Verb.READ).malformed(Malformation.ONEHUB_GARBAGE_DETAIL).emit();
        JsonNode items = Http.get(onehub + "?per_page=100", onehubToken).json().get("items");
        for (JsonNode item : items) {
            String detail = item.at("/event/detail").asText();
            boolean broken = item.at("/event/id").asText().equals(garbage.upstreamIds().get(0));
            assertEquals(broken, !detail.endsWith("</object>"), detail);
        }
        assertEquals(Malformation.ONEHUB_GARBAGE_DETAIL, sandbox.truth().of(Api.ONEHUB).stream()
                .filter(t -> t.malformed() != null).findFirst().orElseThrow().malformed());
    }

    @Test
    void randomModeIsRepeatableForASeed() {
        List<Fault> choices = List.of(Fault.status(503), Fault.tooManyRequests(Duration.ofSeconds(1)), Fault.notJson());
        List<Integer> first = statuses(sandbox, choices);
        assertTrue(first.contains(200) && first.stream().anyMatch(s -> s != 200), first.toString());
        assertEquals(first, statuses(sandbox, choices), "same seed, same sequence");
        sandbox.faults().plan(Api.ONEHUB).random(99, 0.4, choices, 0);
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            other.add(call(Api.ONEHUB).status());
        }
        assertNotEquals(first, other, "another seed, another sequence");
        sandbox.faults().clear();
        assertEquals(200, call(Api.ONEHUB).status());
    }

    private List<Integer> statuses(Sandbox sandbox, List<Fault> choices) {
        sandbox.faults().plan(Api.ONEHUB).random(7, 0.4, choices, 0);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Http.Response r = call(Api.ONEHUB);
            statuses.add(r.body().startsWith("<!DOCTYPE") ? -1 : r.status());
        }
        return statuses;
    }

    @Test
    void randomModeMakesTheGeneratorEmitMalformedRecords() {
        sandbox.faults().plan(Api.KANTATA).random(5, 0, List.of(), 0.1);
        sandbox.generator().generate(500);
        long malformed = sandbox.truth().of(Api.KANTATA).stream().filter(t -> t.malformed() != null).count();
        assertTrue(malformed > 5 && malformed < 50, "about a tenth of ~200 Kantata changes: " + malformed);
        assertEquals(0, sandbox.truth().of(Api.ONEHUB).stream().filter(t -> t.malformed() != null).count());
    }
}
