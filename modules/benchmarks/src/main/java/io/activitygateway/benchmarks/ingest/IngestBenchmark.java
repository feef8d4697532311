package io.activitygateway.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.activitygateway.benchmarks.common.Args;
import io.activitygateway.benchmarks.common.Database;
import io.activitygateway.benchmarks.common.GatewayProcess;
import io.activitygateway.benchmarks.common.Machine;
import io.activitygateway.benchmarks.common.Markdown;
import io.activitygateway.benchmarks.common.PostgresBackends;
import io.activitygateway.benchmarks.common.Results;
import io.activitygateway.benchmarks.common.Stats.Spread;
import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.world.Person;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Ingest: the sandbox holds a backfill across the three kinds, and the packaged gateway, in a child process, stores
 * it all from a fresh database, polling as it does for real. Reports events/s per kind and in total, CPU ms per
 * 1,000 events of the gateway and of the database (the /proc CPU of the gateway's PostgreSQL backends; on H2 the
 * database runs inside the gateway), peak heap and RSS; then the floors, measured in the same run on the rows the
 * gateway stored: a plain JDBC batch insert and, on PostgreSQL, {@code COPY}.
 *
 * <pre>java -Xmx6g -cp modules/benchmarks/target/benchmarks.jar io.activitygateway.benchmarks.ingest.IngestBenchmark
 *     --size=full --db=postgresql --gateway=modules/gateway/target/quarkus-app-postgresql</pre>
 */
public final class IngestBenchmark {

    static final Map<Api, String> CONNECTIONS = Map.of(Api.KANTATA, "kantata-bench", Api.WORKSECTION, "ws-bench",
            Api.ONEHUB, "onehub-bench");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per kind (and "total"): what was stored, and at what rate between its first and its last commit. */
    public record Kind(String kind, long truth, long stored, double eventsPerSecond) {
    }

    /** One run. */
    public record Result(String db, int events, List<Kind> kinds, long gatewayCpuMillis, long dbCpuMillis,
            long measuredEvents, long peakHeapBytes, long peakRssBytes, List<InsertFloors.Floor> floors) {

        public Kind total() {
            return kinds.stream().filter(k -> k.kind().equals("total")).findFirst().orElseThrow();
        }

        public double gatewayCpuPer1000() {
            return gatewayCpuMillis * 1000.0 / measuredEvents;
        }

        public double dbCpuPer1000() {
            return dbCpuMillis * 1000.0 / measuredEvents;
        }

        public InsertFloors.Floor floor(String name) {
            return floors.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        }
    }

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        boolean full = a.full();
        int events = a.getInt("events", full ? 1_000_000 : 3_000);
        int runs = a.getInt("runs", full ? 3 : 1);
        Path work = Path.of(a.get("work", "modules/benchmarks/target/ingest"));
        Database db = Database.of(a, work);
        Path app = Path.of(a.get("gateway", "modules/gateway/target/quarkus-app"));
        List<String> jvm = new ArrayList<>();
        if (a.has("jvm")) {
            jvm.addAll(List.of(a.get("jvm", "").split(" ")));
        }
        List<Result> results = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            List<String> options = new ArrayList<>(jvm);
            if (a.has("jfr") && run == 0) {
                options.add("-XX:StartFlightRecording=filename=" + a.get("jfr", "") + ",settings=profile");
            }
            Result r = run(db, app, events, options, work.resolve("gateway-" + run + ".log"));
            results.add(r);
            System.out.println(table(List.of(r), "run " + (run + 1)));
        }
        System.out.println("Ingest (" + (full ? "full" : "smoke") + " size, " + db.kind() + ", " + events
                + " events, " + runs + " runs; median (min–max))\n" + Machine.line() + "\n");
        System.out.println(table(results, null));
        System.out.println("Written to " + Results.write("ingest-" + db.kind(), full, results));
    }

    /** One measured backfill of {@code events} events, then its floors. */
    public static Result run(Database db, Path app, int events, List<String> jvmOptions, Path log) throws Exception {
        db.reset();
        try (Sandbox sandbox = Sandbox.builder().seed(2026).port(0)
                .kantata(k -> k.rateLimit(0, Duration.ofMinutes(1)).lateness(false)).start()) {
            sandbox.generator().generate(events, backfillSpan(events));
            Map<Api, Long> truth = new LinkedHashMap<>();
            for (Api api : List.of(Api.KANTATA, Api.WORKSECTION, Api.ONEHUB)) {
                truth.put(api, (long) sandbox.truth().size(api));
            }
            Map<String, String> config = new LinkedHashMap<>(db.gatewayConfig());
            config.putAll(connections(sandbox));
            PostgresBackends backends = new PostgresBackends(Database.GATEWAY_APPLICATION);
            long gatewayCpu;
            long dbCpu = 0;
            long measured;
            long heap;
            long rss;
            try (GatewayProcess gateway = GatewayProcess.start(app, config, jvmOptions, log, Duration.ofMinutes(3));
                    Connection watch = db.postgres() ? db.open() : null) {
                // Counting starts at the first sample: start-up (JIT, Flyway) is not ingest.
                long startCpu = gateway.cpuMillis();
                long startStored = total(stored(gateway));
                if (watch != null) {
                    backends.baseline(watch);
                }
                long lastProgress = System.nanoTime();
                long last = startStored;
                while (true) {
                    Thread.sleep(250);
                    if (watch != null) {
                        backends.sample(watch);
                    }
                    Map<String, Long> now = stored(gateway);
                    long sum = total(now);
                    boolean done = truth.entrySet().stream()
                            .allMatch(t -> now.getOrDefault(CONNECTIONS.get(t.getKey()), 0L) >= t.getValue());
                    if (sum > last) {
                        last = sum;
                        lastProgress = System.nanoTime();
                    }
                    // Kantata's duplicate-proof key may fold two generated changes into one: stop when nothing moves.
                    if (done || System.nanoTime() - lastProgress > Duration.ofSeconds(20).toNanos()) {
                        gatewayCpu = gateway.cpuMillis() - startCpu;
                        measured = sum - startStored;
                        if (watch != null) {
                            backends.sample(watch);
                            dbCpu = backends.cpuMillis();
                        }
                        break;
                    }
                }
                heap = gateway.peakHeapBytes();
                rss = gateway.peakRssBytes();
            }
            List<Kind> kinds;
            List<InsertFloors.Floor> floors;
            try (Connection source = db.open(); Connection target = db.open("benchmark-floor")) {
                kinds = rates(source, truth);
                floors = new InsertFloors(db.postgres()).measure(source, target);
            }
            return new Result(db.kind(), events, kinds, gatewayCpu, dbCpu, measured, heap, rss, floors);
        }
    }

    /**
     * A backfill of the last 20 hours, longer for large sizes: Worksection's responses hold about 10,000 records
     * and history older than 6 hours is asked for an hour at a time, so its share (about 30 %) must stay under
     * that per hour (6,000 here) or it cannot be read whole (docs/sources/worksection.md, Truncation). At most
     * 70 hours: older history is asked for a day at a time, and the first-poll window below is 3 days.
     */
    static Duration backfillSpan(int events) {
        long hours = Math.max(20, (long) Math.ceil(events * 0.3 / 6_000));
        return Duration.ofHours(Math.min(70, hours));
    }

    public static Map<String, String> connections(Sandbox sandbox) {
        Map<String, String> c = new LinkedHashMap<>();
        Person admin = sandbox.world().person(0);
        put(c, Api.KANTATA, "kind", "kantata");
        put(c, Api.KANTATA, "base-url", sandbox.kantataBaseUrl());
        put(c, Api.KANTATA, "token", sandbox.kantata().settings().token());
        put(c, Api.WORKSECTION, "kind", "worksection");
        put(c, Api.WORKSECTION, "base-url", sandbox.worksectionBaseUrl());
        put(c, Api.WORKSECTION, "api-key", sandbox.worksection().settings().apiKey());
        put(c, Api.WORKSECTION, "timezone", sandbox.worksection().settings().zone().getId());
        put(c, Api.ONEHUB, "kind", "onehub");
        put(c, Api.ONEHUB, "base-url", sandbox.onehubBaseUrl());
        put(c, Api.ONEHUB, "token", OnehubSimulator.token(admin));
        put(c, Api.ONEHUB, "timezone", admin.zone().getId());
        return c;
    }

    private static void put(Map<String, String> config, Api api, String key, String value) {
        String prefix = "gateway.sources." + CONNECTIONS.get(api) + ".";
        config.put(prefix + key, value);
        config.putIfAbsent(prefix + "poll-interval", "1s");
        config.putIfAbsent(prefix + "initial-window", "3d");
    }

    public static Map<String, Long> stored(GatewayProcess gateway) throws Exception {
        Map<String, Long> stored = new LinkedHashMap<>();
        for (JsonNode source : JSON.readTree(gateway.get("/api/v1/sources"))) {
            stored.put(source.path("name").asText(), source.path("eventsIngested").asLong());
        }
        return stored;
    }

    public static long total(Map<String, Long> stored) {
        return stored.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Each kind's rate between its first and its last commit (ingested_at is the commit's time), the first commit's
     * events left out since the time before it is not seen; the total the same over all kinds.
     */
    static List<Kind> rates(Connection db, Map<Api, Long> truth) throws SQLException {
        List<Kind> kinds = new ArrayList<>();
        long allTruth = 0;
        for (Map.Entry<Api, Long> t : truth.entrySet()) {
            kinds.add(rate(db, t.getKey().id(), t.getValue(), "WHERE connection = ?", CONNECTIONS.get(t.getKey())));
            allTruth += t.getValue();
        }
        kinds.add(rate(db, "total", allTruth, "", null));
        return kinds;
    }

    private static Kind rate(Connection db, String kind, long truth, String where, String connection)
            throws SQLException {
        long count;
        Timestamp first;
        Timestamp last;
        try (PreparedStatement s = db.prepareStatement("SELECT count(*), min(ingested_at), max(ingested_at) FROM event "
                + where)) {
            if (connection != null) {
                s.setString(1, connection);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
                first = rs.getTimestamp(2);
                last = rs.getTimestamp(3);
            }
        }
        if (count == 0) {
            return new Kind(kind, truth, 0, 0);
        }
        long firstBatch;
        try (PreparedStatement s = db.prepareStatement("SELECT count(*) FROM event " + (where.isEmpty() ? "WHERE"
                : where + " AND") + " ingested_at = ?")) {
            int i = 1;
            if (connection != null) {
                s.setString(i++, connection);
            }
            s.setTimestamp(i, first);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                firstBatch = rs.getLong(1);
            }
        }
        double seconds = (last.getTime() - first.getTime()) / 1000.0 + (last.getNanos() % 1_000_000 - first.getNanos()
                % 1_000_000) / 1e9;
        return new Kind(kind, truth, count, seconds <= 0 ? Double.NaN : (count - firstBatch) / seconds);
    }

    static String table(List<Result> results, String title) {
        Markdown t = new Markdown("figure", "value", "floor: JDBC batch", "ratio", "floor: COPY", "ratio");
        Function<Function<Result, Double>, Spread> spread = f -> Spread.of(results.stream().map(f).toList());
        boolean copy = results.get(0).floor("COPY") != null;
        Spread jdbc = spread.apply(r -> r.floor("JDBC batch").eventsPerSecond());
        Spread copyRate = copy ? spread.apply(r -> r.floor("COPY").eventsPerSecond()) : null;
        for (int i = 0; i < results.get(0).kinds().size(); i++) {
            int k = i;
            String kind = results.get(0).kinds().get(k).kind();
            Spread rate = spread.apply(r -> r.kinds().get(k).eventsPerSecond());
            String stored = results.get(0).kinds().get(k).stored() + " of " + results.get(0).kinds().get(k).truth();
            if (kind.equals("total")) {
                t.row("events/s, total (" + stored + ")", rate.format("%,.0f"), jdbc.format("%,.0f"),
                        spread.apply(r -> r.total().eventsPerSecond() / r.floor("JDBC batch").eventsPerSecond())
                                .format("%.2f"),
                        copy ? copyRate.format("%,.0f") : "–",
                        copy ? spread.apply(r -> r.total().eventsPerSecond() / r.floor("COPY").eventsPerSecond())
                                .format("%.2f") : "–");
            } else {
                t.row("events/s, " + kind + " (" + stored + ")", rate.format("%,.0f"), "", "", "", "");
            }
        }
        Spread floorCpu = spread.apply(r -> r.floor("JDBC batch").cpuPer1000());
        boolean h2 = results.get(0).db().equals("h2");
        t.row(h2 ? "CPU ms per 1,000 events, gateway with its embedded H2" : "CPU ms per 1,000 events, gateway",
                spread.apply(Result::gatewayCpuPer1000).format("%.0f"), "", "", "", "");
        if (!h2) {
            t.row("CPU ms per 1,000 events, PostgreSQL", spread.apply(Result::dbCpuPer1000).format("%.0f"), "", "",
                    "", "");
        }
        t.row("CPU ms per 1,000 events, gateway + database", spread.apply(r -> r.gatewayCpuPer1000()
                + r.dbCpuPer1000()).format("%.0f"), floorCpu.format("%.0f") + " (client + database)",
                spread.apply(r -> (r.gatewayCpuPer1000() + r.dbCpuPer1000()) / r.floor("JDBC batch").cpuPer1000())
                        .format("%.2f"),
                copy ? spread.apply(r -> r.floor("COPY").cpuPer1000()).format("%.0f") : "–", "");
        t.row("peak heap used, MB", spread.apply(r -> r.peakHeapBytes() / 1e6).format("%,.0f"), "", "", "", "");
        t.row("peak RSS, MB", spread.apply(r -> r.peakRssBytes() / 1e6).format("%,.0f"), "", "", "", "");
        return (title == null ? "" : title + "\n\n") + t;
    }
}
