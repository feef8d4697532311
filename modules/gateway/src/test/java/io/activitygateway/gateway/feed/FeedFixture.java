package io.activitygateway.gateway.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.Actor;
import io.activitygateway.model.EventIds;
import io.activitygateway.model.EventType;
import io.activitygateway.model.Json;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.restassured.RestAssured;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Commits events through the store's real commit (as a poll does) and opens streams on the test gateway. */
public final class FeedFixture {

    record Position(int n) {
    }

    /** What a test committed: the event id and the attributes filters look at. */
    public record Stored(String id, String connection, String type, String actor) {
    }

    private static final AtomicInteger KEYS = new AtomicInteger();

    private FeedFixture() {
    }

    public static SourceEvent event(String key, EventType type, String actor, String occurredAt, String summary) {
        return new SourceEvent(key, key, type, "thing:" + type.wireName(), Instant.parse(occurredAt), null, null,
                new Actor(actor, "User " + actor, null), new ObjectRef("Thing", "t-" + key, null, null),
                new ObjectRef("space", "space-1", null, null), List.of(), summary, null);
    }

    /** One batch of {@code n} events of one type and actor; returns them in the order (and so seq) stored. */
    public static List<Stored> commit(EventStore store, String connection, int n, EventType type, String actor) {
        return commit(store, connection, n, type, actor, "2033-03-03T03:03:03Z", "");
    }

    public static List<Stored> commit(EventStore store, String connection, int n, EventType type, String actor,
            String occurredAt, String summary) {
        List<SourceEvent> events = new ArrayList<>();
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = "k" + KEYS.incrementAndGet();
            events.add(event(key, type, actor, occurredAt, summary));
            stored.add(new Stored(EventIds.of(connection, key), connection, type.wireName(), actor));
        }
        store.commit(connection, "scripted", Batch.of(events, Checkpoint.of(new Position(KEYS.get()))));
        return stored;
    }

    static SseClient stream(String query) throws IOException {
        return SseClient.open(RestAssured.port, "/api/v1/events/stream" + query, Map.of());
    }

    static SseClient stream(String query, Map<String, String> headers) throws IOException {
        return SseClient.open(RestAssured.port, "/api/v1/events/stream" + query, headers);
    }

    /** The event ids the messages carry (for CloudEvents, the CloudEvent id, which is the event id). */
    static List<String> ids(List<SseClient.Message> messages) {
        return messages.stream().map(m -> parse(m.data()).path("id").asText()).toList();
    }

    static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> storedIds(List<Stored> stored) {
        return stored.stream().map(Stored::id).toList();
    }
}
