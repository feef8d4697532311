package io.activitygateway.benchmarks.economy;

import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.http.Traffic;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.world.Person;
import io.activitygateway.spi.SourceKind;
import io.activitygateway.testkit.LoopbackHttp;
import io.activitygateway.testkit.MemoryStore;
import io.activitygateway.testkit.SettableClock;
import io.activitygateway.testkit.SimulatedPolling;
import io.activitygateway.testkit.TestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * What each source kind costs its vendor: upstream records fetched per record that exists, requests per stored event,
 * per busy poll and per idle poll, with every setting at its default and the poll every 30 s, at 5 and at 50 events
 * per second. The sandbox's lateness and duplicates are on.
 *
 * <p>This benchmark counts requests, not time, so it drives each kind's adapter itself (found by {@link ServiceLoader}
 * as the gateway finds it) the way the gateway's scheduler does, on the sandbox's settable clock: an hour of polling
 * runs in seconds. Each figure stands beside its floor, what the simplest reader would need: every record read once,
 * in full pages, and one request for a poll that finds nothing.
 *
 * <pre>java -cp modules/benchmarks/target/benchmarks.jar
 *     io.activitygateway.benchmarks.economy.UpstreamEconomyBenchmark --size=full</pre>
 */
public final class UpstreamEconomyBenchmark {

    static final Duration INTERVAL = Duration.ofSeconds(30);
    /** Quiet polls after the activity, for its last lookback to settle (the longest default lookback: 15 min). */
    static final int SETTLE_POLLS = 40;
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");

    /** One measured run. */
    public record Result(String kind, int eventsPerSecond, int pageSize, long truth, long stored, long upstreamRecords,
            long recordsServed, long busyPolls, long busyRequests, long allRequests, long idlePolls,
            long idleRequests) {

        public double readsPerRecord() {
            return (double) recordsServed / upstreamRecords;
        }

        public double requestsPerStoredEvent() {
            return (double) allRequests / stored;
        }

        /** The floor: each record once, in full pages, plus the one request every poll costs. */
        public double floorRequestsPerStoredEvent() {
            long polls = busyPolls + SETTLE_POLLS;
            return (Math.ceil((double) upstreamRecords / pageSize) + polls) / stored;
        }

        public double requestsPerBusyPoll() {
            return (double) busyRequests / busyPolls;
        }

        public double requestsPerIdlePoll() {
            return (double) idleRequests / idlePolls;
        }
    }

    private UpstreamEconomyBenchmark() {
    }

    public static void main(String[] args) {
        boolean full = List.of(args).contains("--size=full");
        List<Result> results = run(full ? Duration.ofHours(1) : Duration.ofMinutes(5),
                full ? Duration.ofDays(1) : Duration.ofHours(1));
        System.out.println(table(results, full));
        write(results, full);
    }

    /** Every kind at 5 and 50 events/s for {@code busy}, then idle polling for {@code idle}. */
    public static List<Result> run(Duration busy, Duration idle) {
        List<Result> results = new ArrayList<>();
        for (Api api : List.of(Api.KANTATA, Api.ONEHUB, Api.WORKSECTION)) {
            for (int rate : new int[] {5, 50}) {
                results.add(measure(api, rate, busy, idle));
            }
        }
        return results;
    }

    static Result measure(Api api, int eventsPerSecond, Duration busy, Duration idle) {
        SettableClock clock = new SettableClock(T0);
        try (Sandbox sandbox = Sandbox.builder().clock(clock).seed(2026).apis(api)
                .kantata(k -> k.rateLimit(0, Duration.ofMinutes(1))).start()) {
            TestSettings settings = settings(api, sandbox);
            SourceKind kind = kind(api.id());
            MemoryStore store = new MemoryStore("economy-" + api.id());
            SimulatedPolling polling = new SimulatedPolling(kind.create(settings.build()), settings.build(), store,
                    clock, new LoopbackHttp(URI.create(baseUrl(api, sandbox))));
            polling.poll();
            Traffic traffic = sandbox.traffic(api);
            Traffic.Snapshot start = traffic.snapshot();
            int busyPolls = (int) (busy.toSeconds() / INTERVAL.toSeconds());
            int perPoll = (int) (eventsPerSecond * INTERVAL.toSeconds());
            polling.every(INTERVAL, busyPolls, i -> sandbox.generator().generate(perPoll));
            Traffic.Snapshot afterBusy = traffic.snapshot();
            polling.every(INTERVAL, SETTLE_POLLS, i -> { });
            Traffic.Snapshot settled = traffic.snapshot();
            int idlePolls = (int) (idle.toSeconds() / INTERVAL.toSeconds());
            polling.every(INTERVAL, idlePolls, i -> { });
            Traffic.Snapshot end = traffic.snapshot();
            long upstream = sandbox.truth().of(api).stream().mapToLong(t -> Math.max(1, t.upstreamIds().size())).sum();
            return new Result(api.id(), eventsPerSecond, pageSize(api), sandbox.truth().size(api),
                    store.events().size(), upstream, settled.minus(start).records(),
                    busyPolls, afterBusy.minus(start).requests(), settled.minus(start).requests(), idlePolls,
                    end.minus(settled).requests());
        } catch (Exception e) {
            throw new IllegalStateException("economy run of " + api.id() + " at " + eventsPerSecond + "/s failed", e);
        }
    }

    private static int pageSize(Api api) {
        return switch (api) {
            case KANTATA -> 200;
            case ONEHUB -> 100;
            case WORKSECTION -> 10_000;
        };
    }

    private static SourceKind kind(String name) {
        for (SourceKind kind : ServiceLoader.load(SourceKind.class)) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        throw new IllegalStateException("no source kind '" + name + "' on the class path");
    }

    private static String baseUrl(Api api, Sandbox sandbox) {
        return switch (api) {
            case KANTATA -> sandbox.kantataBaseUrl();
            case ONEHUB -> sandbox.onehubBaseUrl();
            case WORKSECTION -> sandbox.worksectionBaseUrl();
        };
    }

    private static TestSettings settings(Api api, Sandbox sandbox) {
        TestSettings settings = TestSettings.of(kind(api.id())).connection("economy-" + api.id())
                .baseUrl(URI.create(baseUrl(api, sandbox))).pollInterval(INTERVAL);
        return switch (api) {
            case KANTATA -> settings.token(sandbox.kantata().settings().token());
            case ONEHUB -> {
                Person admin = sandbox.world().person(0);
                yield settings.token(OnehubSimulator.token(admin)).timezone(admin.zone().getId());
            }
            case WORKSECTION -> settings.apiKey(sandbox.worksection().settings().apiKey())
                    .timezone(sandbox.worksection().settings().zone().getId());
        };
    }

    static String table(List<Result> results, boolean full) {
        StringBuilder out = new StringBuilder();
        out.append("Upstream economy (").append(full ? "full" : "smoke").append(" size), defaults, a poll every 30 s\n\n");
        out.append("| kind | events/s | stored | records fetched per upstream record (floor 1) | requests per stored"
                + " event (floor) | requests per busy poll | requests per idle poll (floor 1) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.4f (%.4f) | %.1f | %.2f |%n", r.kind(),
                    r.eventsPerSecond(), r.stored(), r.readsPerRecord(), r.requestsPerStoredEvent(),
                    r.floorRequestsPerStoredEvent(), r.requestsPerBusyPoll(), r.requestsPerIdlePoll()));
        }
        return out.toString();
    }

    private static void write(List<Result> results, boolean full) {
        StringBuilder json = new StringBuilder("{\"benchmark\":\"upstream-economy\",\"size\":\"")
                .append(full ? "full" : "smoke").append("\",\"results\":[");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"kind\":\"%s\",\"eventsPerSecond\":%d,"
                    + "\"stored\":%d,\"truth\":%d,\"readsPerRecord\":%.4f,\"requestsPerStoredEvent\":%.5f,"
                    + "\"floorRequestsPerStoredEvent\":%.5f,\"requestsPerBusyPoll\":%.2f,\"requestsPerIdlePoll\":%.3f}",
                    r.kind(), r.eventsPerSecond(), r.stored(), r.truth(), r.readsPerRecord(),
                    r.requestsPerStoredEvent(), r.floorRequestsPerStoredEvent(), r.requestsPerBusyPoll(),
                    r.requestsPerIdlePoll()));
        }
        json.append("]}\n");
        try {
            Path dir = Path.of("modules/benchmarks/target/results");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("upstream-economy-" + (full ? "full" : "smoke") + ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
