package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.activitygateway.model.EventType;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.sandbox.world.Person;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceHttp;
import io.activitygateway.testkit.LoopbackHttp;
import io.activitygateway.testkit.MemoryStore;
import io.activitygateway.testkit.SettableClock;
import io.activitygateway.testkit.TestPoll;
import io.activitygateway.testkit.TestSettings;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An embedded sandbox serving only Onehub on a free loopback port, sharing a {@link SettableClock} with the
 * polls, and what a test needs to poll it as one of its users and to check the store against ground truth.
 */
final class SandboxOnehub implements AutoCloseable {

    final SettableClock clock;
    final Sandbox sandbox;
    final MemoryStore store = new MemoryStore("onehub-test");
    final LoopbackHttp http;

    SandboxOnehub(Instant now, Sandbox.Builder builder) {
        this.clock = new SettableClock(now);
        this.sandbox = builder.clock(clock).apis(Api.ONEHUB).start();
        this.http = new LoopbackHttp(URI.create(sandbox.onehubBaseUrl()));
    }

    SandboxOnehub(Instant now) {
        this(now, Sandbox.builder().seed(7));
    }

    Person person(int index) {
        return sandbox.world().person(index);
    }

    /** Settings of a connection reading {@code user}'s activity, in the zone Onehub knows them by. */
    TestSettings settingsOf(Person user) {
        return TestSettings.of(new OnehubKind()).baseUrl(URI.create(sandbox.onehubBaseUrl()))
                .token(OnehubSimulator.token(user)).timezone(user.zone().getId());
    }

    TestSettings settingsOf(Person user, ZoneId zone) {
        return settingsOf(user).timezone(zone.getId());
    }

    static SourceAdapter adapter(TestSettings settings) throws InvalidSettingException {
        return new OnehubKind().create(settings.build());
    }

    TestPoll poll(TestSettings settings) {
        return poll(settings, http);
    }

    TestPoll poll(TestSettings settings, SourceHttp through) {
        return new TestPoll(settings.build(), store, clock, through);
    }

    /** Runs one poll with a fresh adapter (as after a restart). */
    TestPoll pollOnce(TestSettings settings) throws SourceException, InvalidSettingException {
        return poll(settings).run(adapter(settings));
    }

    List<TruthEntry> truth() {
        return sandbox.truth().of(Api.ONEHUB);
    }

    Map<String, SourceEvent> storedByKey() {
        return store.events().stream().collect(Collectors.toMap(SourceEvent::key, Function.identity()));
    }

    /** Exactly the entries expected are stored, each as ground truth describes it. */
    void assertStoredExactly(List<TruthEntry> expected) {
        Map<String, SourceEvent> stored = storedByKey();
        assertEquals(expected.stream().map(SandboxOnehub::key).sorted().toList(),
                stored.keySet().stream().sorted().toList());
        expected.forEach(t -> assertMatches(t, stored.get(key(t))));
    }

    static String key(TruthEntry t) {
        return t.upstreamIds().get(0);
    }

    static void assertMatches(TruthEntry t, SourceEvent e) {
        String what = "event " + key(t) + " (" + t.action() + " " + t.objectType() + ")";
        assertNotNull(e, what + " not stored");
        assertEquals(t.happenedAt(), e.occurredAt(), what);
        assertEquals(t.actorId(), e.actor().id(), what);
        assertEquals(t.containerId(), e.raw().at("/event/workspace_id").asText(), what);
        if (t.malformed() != null) {
            assertEquals(EventType.OTHER, e.type(), what);
            return;
        }
        assertEquals(typeOf(t.action()), e.type(), what);
        if (t.objectType().equals("invitation")) {
            assertEquals("user", e.object().type(), what);
            assertEquals(t.objectId(), e.object().name(), what);
            assertNull(e.object().id(), what);
        } else {
            assertEquals(t.objectType(), e.object().type(), what);
            if (!t.action().equals("delete")) {
                assertEquals(t.objectId(), e.object().id(), what);
            }
        }
        if (e.container().type().equals("workspace")) {
            assertEquals(t.containerId(), e.container().id(), what);
        } else {
            assertEquals("folder", e.container().type(), what);
        }
    }

    static EventType typeOf(String verb) {
        return switch (verb) {
            case "create" -> EventType.CREATED;
            case "upload" -> EventType.UPLOADED;
            case "read" -> EventType.VIEWED;
            case "download" -> EventType.DOWNLOADED;
            case "update" -> EventType.UPDATED;
            case "delete" -> EventType.DELETED;
            case "invite" -> EventType.INVITED;
            default -> throw new IllegalArgumentException(verb);
        };
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
