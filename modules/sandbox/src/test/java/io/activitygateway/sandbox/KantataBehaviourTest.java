package io.activitygateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.sandbox.kantata.SubjectType;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The behaviours Kantata's documents warn about: duplicates, lateness, retention, rate limiting. */
class KantataBehaviourTest {

    static final Instant T0 = Instant.parse("2024-06-03T12:00:00Z");
    static final String TOKEN = "kantata-admin-token";

    private static Sandbox start(SettableClock clock, Consumer<io.activitygateway.sandbox.kantata.KantataSettings> settings) {
        return Sandbox.builder().clock(clock).seed(11).apis(Api.KANTATA).kantata(settings).start();
    }

    /** Every visible event, walked page by page, keyed by id. */
    static Map<String, JsonNode> all(Sandbox sandbox, String extra) {
        Map<String, JsonNode> events = new HashMap<>();
        for (int page = 1; ; page++) {
            JsonNode body = Http.get(sandbox.kantataBaseUrl() + "/subscribed_events?per_page=200&order=created_at:asc&page="
                    + page + extra, TOKEN).json();
            body.get("subscribed_events").properties().forEach(e -> events.put(e.getKey(), e.getValue()));
            if (page >= body.at("/meta/page_count").asInt()) {
                return events;
            }
        }
    }

    @Test
    void anInjectedDuplicateIsTheSameChangeUnderTwoIds() {
        SettableClock clock = new SettableClock(T0);
        try (Sandbox sandbox = start(clock, k -> k.lateness(false))) {
            long entry = sandbox.kantata().subjectIds(SubjectType.TIME_ENTRY).get(0);
            TruthEntry truth = sandbox.kantata().inject("time_entry:updated").subject("TimeEntry", entry)
                    .changedAt(T0.minusSeconds(40)).createdAt(T0.minusSeconds(30)).duplicate(T0.minusSeconds(5))
                    .change("time_in_minutes", 60L, 90L).emit();
            assertEquals(2, truth.upstreamIds().size());
            Map<String, JsonNode> events = all(sandbox, "&optional_fields=payload_changes");
            JsonNode first = events.get(truth.upstreamIds().get(0));
            JsonNode second = events.get(truth.upstreamIds().get(1));
            for (String field : List.of("event_type", "subject_type", "subject_id", "subject_changed_at", "user_id",
                    "payload_changes")) {
                assertEquals(first.get(field), second.get(field), field);
            }
            assertNotEquals(first.get("created_at"), second.get("created_at"));
        }
    }

    @Test
    void theGeneratorDuplicatesSomeChangesOnlyWhileDuplicatesAreOn() {
        SettableClock clock = new SettableClock(T0);
        try (Sandbox sandbox = start(clock, k -> k.lateness(false).duplicates(true, 0.2))) {
            sandbox.generator().generate(400);
            clock.advance(Duration.ofMinutes(2));
            Map<String, JsonNode> events = all(sandbox, "&optional_fields=payload_changes");
            List<TruthEntry> truth = sandbox.truth().of(Api.KANTATA);
            List<TruthEntry> doubled = truth.stream().filter(t -> t.upstreamIds().size() == 2).toList();
            assertTrue(doubled.size() > 40, "about a fifth of 400 changes doubled, got " + doubled.size());
            for (TruthEntry t : doubled) {
                JsonNode a = events.get(t.upstreamIds().get(0));
                JsonNode b = events.get(t.upstreamIds().get(1));
                assertEquals(a.get("payload_changes"), b.get("payload_changes"));
                assertEquals(a.get("subject_changed_at"), b.get("subject_changed_at"));
            }
            int served = truth.stream().mapToInt(t -> t.upstreamIds().size()).sum();
            assertEquals(served, events.size(), "every upstream id of the truth is served, nothing else");
        }
        try (Sandbox sandbox = start(new SettableClock(T0), k -> k.lateness(false).duplicates(false))) {
            sandbox.generator().generate(400);
            assertTrue(sandbox.truth().of(Api.KANTATA).stream().allMatch(t -> t.upstreamIds().size() == 1));
        }
    }

    @Test
    void lateEventsAppearLaterWithCreatedAtEarlierThanEventsAlreadyVisible() {
        SettableClock clock = new SettableClock(T0);
        try (Sandbox sandbox = start(clock, k -> k.duplicates(false).lateness(true, Duration.ofMinutes(10)))) {
            sandbox.generator().generate(300);
            List<TruthEntry> truth = sandbox.truth().of(Api.KANTATA);
            Map<String, JsonNode> before = all(sandbox, "");
            for (TruthEntry t : truth) {
                boolean visible = !t.visibleAt().isAfter(T0);
                assertEquals(visible, before.containsKey(t.upstreamIds().get(0)), "visibility of " + t);
                assertFalse(t.visibleAt().isAfter(t.happenedAt().plus(Duration.ofMinutes(11))));
            }
            assertTrue(before.size() < truth.size() - 20, "some events are still hidden: " + before.size());
            Instant newestSeen = before.values().stream().map(e -> Instant.parse(e.get("created_at").asText()))
                    .max(Instant::compareTo).orElseThrow();

            clock.advance(Duration.ofMinutes(10).plusSeconds(1));
            Map<String, JsonNode> after = all(sandbox, "");
            assertEquals(truth.size(), after.size());
            long lateAndOlder = after.entrySet().stream().filter(e -> !before.containsKey(e.getKey()))
                    .filter(e -> Instant.parse(e.getValue().get("created_at").asText()).isBefore(newestSeen)).count();
            assertTrue(lateAndOlder > 0, "a newly visible event has a created_at older than one already seen");
        }
    }

    @Test
    void withoutLatenessGeneratedEventsAreVisibleAtOnce() {
        SettableClock clock = new SettableClock(T0);
        try (Sandbox sandbox = start(clock, k -> k.duplicates(false).lateness(false))) {
            sandbox.generator().generate(150);
            assertEquals(150, all(sandbox, "").size());
        }
    }

    @Test
    void eventsOlderThanTheRetentionDisappear() {
        SettableClock clock = new SettableClock(T0);
        try (Sandbox sandbox = start(clock, k -> k.duplicates(false).lateness(false))) {
            TruthEntry gone = sandbox.kantata().inject("time_entry:updated")
                    .createdAt(T0.minus(Duration.ofDays(9)).minusSeconds(1)).emit();
            TruthEntry kept = sandbox.kantata().inject("time_entry:updated")
                    .createdAt(T0.minus(Duration.ofDays(9)).plusSeconds(1)).emit();
            Set<String> ids = all(sandbox, "").keySet();
            assertFalse(ids.contains(gone.upstreamIds().get(0)));
            assertTrue(ids.contains(kept.upstreamIds().get(0)));
            clock.advance(Duration.ofSeconds(2));
            assertFalse(all(sandbox, "").containsKey(kept.upstreamIds().get(0)), "it ages out as the clock moves");
            assertEquals(2, sandbox.truth().size(Api.KANTATA), "ground truth keeps what the API no longer shows");
        }
    }

    @Test
    void aTokenOverItsBudgetGets429WithoutRetryAfterUntilTheWindowPasses() {
        SettableClock clock = new SettableClock(T0);
        try (Sandbox sandbox = start(clock, k -> k.rateLimit(5, Duration.ofMinutes(1)))) {
            String url = sandbox.kantataBaseUrl() + "/subscribed_events";
            for (int i = 0; i < 5; i++) {
                assertEquals(200, Http.get(url, TOKEN).status());
            }
            Http.Response limited = Http.get(url, TOKEN);
            assertEquals(429, limited.status());
            assertEquals("rate_limited", limited.json().at("/errors/0/type").asText());
            assertTrue(limited.headers().firstValue("Retry-After").isEmpty(), "Kantata documents no Retry-After");
            clock.advance(Duration.ofMinutes(1));
            assertEquals(200, Http.get(url, TOKEN).status());
        }
    }
}
