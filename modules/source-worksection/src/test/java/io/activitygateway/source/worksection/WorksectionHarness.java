package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.sandbox.worksection.WorksectionInjection;
import io.activitygateway.sandbox.worksection.WorksectionSettings;
import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.Secret;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceException;
import io.activitygateway.testkit.LoopbackHttp;
import io.activitygateway.testkit.MemoryStore;
import io.activitygateway.testkit.SettableClock;
import io.activitygateway.testkit.TestPoll;
import io.activitygateway.testkit.TestSettings;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One Worksection connection polling an embedded sandbox over loopback HTTP, both on one {@link SettableClock}:
 * what the tests need to drive polls and compare the store with the sandbox's ground truth.
 */
final class WorksectionHarness implements AutoCloseable {

    final SettableClock clock;
    final Sandbox sandbox;
    final ConnectionSettings settings;
    final SourceAdapter adapter;
    final MemoryStore store;
    final LoopbackHttp http;

    private WorksectionHarness(Instant start, Consumer<WorksectionSettings> account,
            UnaryOperator<TestSettings> connection) throws Exception {
        clock = new SettableClock(start);
        sandbox = Sandbox.builder().clock(clock).seed(7).apis(Api.WORKSECTION)
                .worksection(w -> account.accept(w.zone(WorksectionSettings.DEFAULT_ZONE))).start();
        URI baseUrl = URI.create(sandbox.worksectionBaseUrl());
        WorksectionKind kind = new WorksectionKind();
        settings = connection.apply(TestSettings.of(kind).connection("ws").baseUrl(baseUrl)
                .apiKey(WorksectionSettings.DEFAULT_API_KEY).timezone(WorksectionSettings.DEFAULT_ZONE.getId()))
                .build();
        adapter = kind.create(settings);
        store = new MemoryStore(settings.connection());
        http = new LoopbackHttp(baseUrl);
    }

    static WorksectionHarness start(Instant at) throws Exception {
        return new WorksectionHarness(at, w -> w.identicalRecords(false), c -> c);
    }

    static WorksectionHarness start(Instant at, Consumer<WorksectionSettings> account,
            UnaryOperator<TestSettings> connection) throws Exception {
        return new WorksectionHarness(at, account, connection);
    }

    TestPoll poll() throws SourceException {
        return new TestPoll(settings, store, clock, http).run(adapter);
    }

    TestPoll pollAt(Instant at) throws SourceException {
        clock.set(at);
        return poll();
    }

    /** The {@code period} of every request sent so far, in order. */
    List<String> periods() {
        return http.sent().stream().map(uri -> param(uri, "period")).toList();
    }

    String lastPeriod() {
        List<String> all = periods();
        return all.get(all.size() - 1);
    }

    static String param(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** What the sandbox answers right now for {@code period}, asked on the side (not counted in {@link #http}). */
    List<JsonNode> fetch(String period) throws SourceException {
        Period p = new Period(Integer.parseInt(period.substring(0, period.length() - 1)),
                switch (period.charAt(period.length() - 1)) {
                    case 'm' -> ChronoUnit.MINUTES;
                    case 'h' -> ChronoUnit.HOURS;
                    default -> ChronoUnit.DAYS;
                });
        LoopbackHttp side = new LoopbackHttp(URI.create(sandbox.worksectionBaseUrl()));
        return EventsResponseReader.records(
                side.send(new EventsRequester(new Secret(WorksectionSettings.DEFAULT_API_KEY)).request(p,
                        Scope.ACCOUNT)), "fetch");
    }

    /** An update of {@code field} on a task, from {@code before} to {@code after}; emit it as often as needed. */
    WorksectionInjection taskUpdate(long taskId, String field, String before, String after) {
        return sandbox.worksection().inject("update", "task", taskId).oldValue(field, before).newValue(field, after);
    }

    long task(int index) {
        return sandbox.worksection().objectIds("task").get(index);
    }

    List<TruthEntry> truth() {
        return sandbox.truth().of(Api.WORKSECTION);
    }

    /** Each stored event matches one well-formed ground-truth entry, and each such entry one event. */
    void assertStoreMatchesTruth() {
        List<String> expected = truth().stream().filter(t -> t.malformed() == null)
                .map(WorksectionHarness::describe).sorted().toList();
        List<String> stored = store.events().stream().map(WorksectionHarness::describe).sorted().toList();
        assertEquals(expected, stored);
    }

    static String describe(TruthEntry t) {
        return t.action() + " " + t.objectType() + " " + t.objectId() + " in project " + t.containerId() + " by "
                + t.actorId() + " at " + t.happenedAt().truncatedTo(ChronoUnit.MINUTES);
    }

    static String describe(SourceEvent e) {
        String project = e.container() == null ? e.object().id() : e.container().id();
        return e.sourceType() + " " + e.object().type() + " " + e.object().id() + " in project " + project + " by "
                + e.actor().id() + " at " + e.occurredAt();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
