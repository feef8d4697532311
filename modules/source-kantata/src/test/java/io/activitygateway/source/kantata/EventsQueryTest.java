package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.activitygateway.spi.Secret;
import io.activitygateway.spi.SourceRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsQueryTest {

    private static final Instant FROM = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant BEFORE = Instant.parse("2024-05-08T10:00:00Z");

    private static KantataSettings settings(List<String> eventTypes) {
        return new KantataSettings(new Secret("s3cret"), Duration.ofMinutes(15), Duration.ofDays(7),
                Duration.ofDays(7), eventTypes, List.of());
    }

    @Test
    void asksForTheLargestAscendingPageWithPayloadsAndSubjects() {
        SourceRequest r = new EventsQuery(settings(List.of())).page(new Feed(null), new PageCursor(FROM, 3), BEFORE);
        assertEquals("subscribed_events", r.path());
        assertEquals("Bearer s3cret", r.headers().get("Authorization"));
        assertEquals("created_at:asc", r.param("order"));
        assertEquals("200", r.param("per_page"));
        assertEquals("3", r.param("page"));
        assertEquals("2024-05-01T09:59:59Z", r.param("created_after"),
                "exclusive upstream: one second before, so events at FROM are included");
        assertEquals("2024-05-08T10:00:00Z", r.param("created_before"));
        assertEquals("subject", r.param("include"));
        assertEquals("payload_changes,previous_payload,current_payload", r.param("optional_fields"));
        assertNull(r.param("event_types"));
        assertNull(r.param("subject_type"));
        assertEquals(URI.create("http://127.0.0.1:1/kantata/api/v1/subscribed_events?order=created_at%3Aasc"
                        + "&per_page=200&page=3&created_after=2024-05-01T09%3A59%3A59Z"
                        + "&created_before=2024-05-08T10%3A00%3A00Z&include=subject"
                        + "&optional_fields=payload_changes%2Cprevious_payload%2Ccurrent_payload"),
                r.resolve(URI.create("http://127.0.0.1:1/kantata/api/v1")));
    }

    @Test
    void passesTheFiltersUpstream() {
        SourceRequest r = new EventsQuery(settings(List.of("time_entry:created", "time_entry:updated")))
                .page(new Feed("TimeEntry"), PageCursor.first(FROM), BEFORE);
        assertEquals("time_entry:created,time_entry:updated", r.param("event_types"));
        assertEquals("TimeEntry", r.param("subject_type"));
    }

    @Test
    void subSecondCursorsRoundDownSoNothingIsCutOff() {
        SourceRequest r = new EventsQuery(settings(List.of())).page(new Feed(null),
                PageCursor.first(FROM.plusMillis(700)), BEFORE);
        assertEquals("2024-05-01T09:59:59Z", r.param("created_after"));
    }
}
