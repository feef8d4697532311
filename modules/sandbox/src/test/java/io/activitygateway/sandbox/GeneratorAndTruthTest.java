package io.activitygateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Determinism for a seed, real-time generation, ground truth in Java and over HTTP, APIs running alone. */
class GeneratorAndTruthTest {

    static final Instant T0 = Instant.parse("2024-06-03T12:00:00Z");

    private static Sandbox seeded(long seed, SettableClock clock) {
        return Sandbox.builder().clock(clock).seed(seed).start();
    }

    private static List<String> bodies(Sandbox sandbox) {
        return List.of(
                Http.get(sandbox.kantataBaseUrl() + "/subscribed_events?per_page=200&include=subject"
                        + "&optional_fields=payload_changes,previous_payload,current_payload", "kantata-admin-token").body(),
                Http.get(sandbox.worksectionBaseUrl() + "?" + sandbox.worksection()
                        .signedQuery("action=get_events&period=3d")).body(),
                Http.get(sandbox.onehubBaseUrl() + "/activity/?per_page=100",
                        OnehubSimulator.token(sandbox.world().person(0))).body());
    }

    @Test
    void theSameSeedGivesTheSameWorldActivityAndPages() {
        SettableClock clockA = new SettableClock(T0);
        SettableClock clockB = new SettableClock(T0);
        try (Sandbox a = seeded(42, clockA); Sandbox b = seeded(42, clockB); Sandbox c = seeded(43, new SettableClock(T0))) {
            for (Sandbox s : List.of(a, b, c)) {
                s.generator().generate(600, Duration.ofDays(2));
                ((SettableClock) s.clock().base()).advance(Duration.ofMinutes(5));
                s.generator().generate(200);
                ((SettableClock) s.clock().base()).advance(Duration.ofMinutes(11));
            }
            assertEquals(a.world().people(), b.world().people());
            for (Api api : Api.values()) {
                assertEquals(a.truth().of(api), b.truth().of(api), api.id());
                assertNotEquals(a.truth().of(api), c.truth().of(api), api.id());
            }
            assertEquals(bodies(a), bodies(b));
            assertNotEquals(bodies(a), bodies(c));
        }
    }

    @Test
    void theRealTimeGeneratorRunsAtItsRateUntilStopped() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().seed(1).start()) {
            sandbox.generator().start(200);
            Thread.sleep(600);
            sandbox.generator().stop();
            int total = sandbox.truth().all().size();
            assertTrue(total >= 40 && total <= 200, "about 120 events at 200/s for 0.6 s: " + total);
            Thread.sleep(300);
            assertEquals(total, sandbox.truth().all().size(), "nothing after stop");
            for (Api api : Api.values()) {
                assertTrue(sandbox.truth().size(api) > 0, api.id());
            }
        }
    }

    @Test
    void truthOverHttpMatchesTheJavaView() {
        try (Sandbox sandbox = seeded(9, new SettableClock(T0))) {
            sandbox.generator().generate(120);
            JsonNode all = Http.get(sandbox.controlUrl() + "truth").json();
            assertEquals(sandbox.truth().all().size(), all.get("count").asInt());
            assertEquals(all.get("count").asInt(), all.get("entries").size());
            List<TruthEntry> kantata = sandbox.truth().of(Api.KANTATA);
            JsonNode some = Http.get(sandbox.controlUrl() + "truth?api=kantata&offset=3&limit=2").json();
            assertEquals(kantata.size(), some.get("count").asInt());
            assertEquals(2, some.get("entries").size());
            JsonNode entry = some.get("entries").get(0);
            TruthEntry expected = kantata.get(3);
            assertEquals("kantata", entry.get("api").asText());
            assertEquals(expected.changeId(), entry.get("change_id").asLong());
            assertEquals(expected.upstreamIds().get(0), entry.at("/upstream_ids/0").asText());
            assertEquals(expected.happenedAt().toString(), entry.get("happened_at").asText());
            assertEquals(expected.visibleAt().toString(), entry.get("visible_at").asText());
            assertEquals(expected.action(), entry.get("action").asText());
            assertEquals(expected.objectType(), entry.get("object_type").asText());
            assertEquals(expected.objectId(), entry.get("object_id").asText());
            assertEquals(expected.actorId(), entry.get("actor_id").asText());
            assertEquals(expected.containerId(), entry.get("container_id").asText());
            assertTrue(entry.get("malformed").isNull());
            JsonNode worksection = Http.get(sandbox.controlUrl() + "truth?api=worksection").json();
            assertEquals(0, worksection.at("/entries/0/upstream_ids").size());
        }
    }

    /** A full backfill through every API finds each upstream id of the truth exactly once, and nothing else. */
    @Test
    void aBackfillThroughEachApiMatchesTheTruthExactly() {
        SettableClock clock = new SettableClock(T0);
        try (Sandbox sandbox = Sandbox.builder().clock(clock).seed(77)
                .worksection(w -> w.maxRecords(1_000_000)).start()) {
            sandbox.generator().generate(30_000, Duration.ofDays(8));
            clock.advance(Duration.ofMinutes(11));
            long started = System.nanoTime();

            Set<String> expectedKantata = new HashSet<>();
            sandbox.truth().of(Api.KANTATA).forEach(t -> expectedKantata.addAll(t.upstreamIds()));
            Set<String> kantata = new HashSet<>();
            int served = 0;
            for (int page = 1; ; page++) {
                JsonNode body = Http.get(sandbox.kantataBaseUrl() + "/subscribed_events?per_page=200&order=created_at:asc&page="
                        + page, "kantata-admin-token").json();
                for (JsonNode result : body.get("results")) {
                    kantata.add(result.get("id").asText());
                    served++;
                }
                if (page >= body.at("/meta/page_count").asInt()) {
                    break;
                }
            }
            assertEquals(expectedKantata, kantata);
            assertEquals(expectedKantata.size(), served, "no id served twice");

            Set<String> expectedOnehub = new HashSet<>();
            sandbox.truth().of(Api.ONEHUB).forEach(t -> expectedOnehub.addAll(t.upstreamIds()));
            Set<String> onehub = new HashSet<>();
            String token = OnehubSimulator.token(sandbox.world().person(0));
            for (int page = 1; ; page++) {
                JsonNode body = Http.get(sandbox.onehubBaseUrl() + "/activity/?per_page=100&page=" + page, token).json();
                body.get("items").forEach(i -> onehub.add(i.at("/event/id").asText()));
                if (page >= body.get("total_pages").asInt()) {
                    break;
                }
            }
            assertEquals(expectedOnehub, onehub);

            JsonNode records = Http.get(sandbox.worksectionBaseUrl() + "?"
                    + sandbox.worksection().signedQuery("action=get_events&period=30d")).json().get("data");
            assertEquals(sandbox.truth().size(Api.WORKSECTION), records.size());
            double seconds = (System.nanoTime() - started) / 1e9;
            int events = served + onehub.size() + records.size();
            System.out.printf("backfilled %d events through HTTP in %.2f s (%.0f events/s)%n", events, seconds,
                    events / seconds);
        }
    }

    @Test
    void eachApiRunsAlone() {
        try (Sandbox sandbox = Sandbox.builder().clock(new SettableClock(T0)).apis(Api.WORKSECTION).start()) {
            sandbox.generator().generate(50);
            assertTrue(sandbox.truth().size(Api.WORKSECTION) >= 50);
            assertEquals(0, sandbox.truth().size(Api.KANTATA));
            assertEquals(0, sandbox.truth().size(Api.ONEHUB));
            assertEquals(404, Http.get(sandbox.kantataBaseUrl() + "/subscribed_events", "kantata-admin-token").status());
            assertEquals(404, Http.get(sandbox.onehubBaseUrl() + "/activity/").status());
            assertThrows(IllegalStateException.class, sandbox::kantata);
            assertEquals("ok", Http.get(sandbox.worksectionBaseUrl() + "?"
                    + sandbox.worksection().signedQuery("action=get_events&period=1h")).json().get("status").asText());
        }
    }
}
