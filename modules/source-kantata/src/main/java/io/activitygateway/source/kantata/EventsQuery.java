package io.activitygateway.source.kantata;

import io.activitygateway.spi.SourceRequest;
import java.time.Duration;
import java.time.Instant;

/** The request for one page of {@code GET subscribed_events}. */
final class EventsQuery {

    static final String PATH = "subscribed_events";
    /** The largest page Kantata serves. */
    static final int PER_PAGE = 200;

    /**
     * {@code created_after} is exclusive and whole seconds, so asking one second before the first instant wanted
     * also returns the events of that very second (and, were it inclusive, one second more: keys drop those).
     */
    private static final Duration EXCLUSIVE_BOUND = Duration.ofSeconds(1);

    private final KantataSettings settings;

    EventsQuery(KantataSettings settings) {
        this.settings = settings;
    }

    SourceRequest page(Feed feed, PageCursor cursor, Instant before) {
        SourceRequest.Builder request = SourceRequest.get(PATH)
                .bearer(settings.token())
                .header("Accept", "application/json")
                .param("order", "created_at:asc")
                .param("per_page", PER_PAGE)
                .param("page", cursor.page())
                .param("created_after", KantataTimes.format(cursor.from().minus(EXCLUSIVE_BOUND)))
                .param("created_before", KantataTimes.format(before))
                .param("include", "subject")
                .param("optional_fields", "payload_changes,previous_payload,current_payload");
        if (!settings.eventTypes().isEmpty()) {
            request.param("event_types", String.join(",", settings.eventTypes()));
        }
        if (feed.subjectType() != null) {
            request.param("subject_type", feed.subjectType());
        }
        return request.build();
    }
}
