package io.activitygateway.benchmarks.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.activitygateway.benchmarks.common.Args;
import io.activitygateway.benchmarks.common.Database;
import io.activitygateway.benchmarks.common.GatewayProcess;
import io.activitygateway.benchmarks.common.Machine;
import io.activitygateway.benchmarks.common.Markdown;
import io.activitygateway.benchmarks.common.Results;
import io.activitygateway.benchmarks.common.Stats;
import io.activitygateway.benchmarks.common.Stats.Spread;
import io.activitygateway.benchmarks.ingest.IngestBenchmark;
import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Query: a store filled by the packaged gateway from the sandbox (then grown tenfold by copying its rows, shifted
 * back in time, with new ids and seqs), and 100-event pages asked of the gateway's list API at concurrency 1 and 16:
 * the newest page, by source and type, by object, by actor and time range, ascending, and a page 100 cursors deep.
 * Each beside its floor, the same SQL the gateway runs (same columns, filter, order and limit) sent directly over
 * JDBC with the same parameters, in the same run on the same store. Sizes: 100k and 1M (smoke: 1,000 and 10,000).
 *
 * <pre>java -Xmx4g -cp modules/benchmarks/target/benchmarks.jar io.activitygateway.benchmarks.query.QueryBenchmark
 *     --size=full --db=postgresql --gateway=modules/gateway/target/quarkus-app-postgresql</pre>
 */
public final class QueryBenchmark {

    static final int PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, seq, source, connection, source_event_id, type, source_type, "
            + "occurred_at, occurred_precision, recorded_at, ingested_at, actor_id, actor_name, actor_email, "
            + "object_type, object_id, object_name, object_url, container_type, container_id, container_name, "
            + "container_url, changes, summary";
    static final List<String> QUERIES = List.of("newest page", "by source and type", "by object",
            "by actor and time range", "ascending", "100 cursors deep");

    /** One query at one size and concurrency: latencies in ms, over the runs. */
    public record Figure(String query, long storeSize, int concurrency, List<Double> gatewayP50,
            List<Double> gatewayP99, List<Double> sqlP50, List<Double> sqlP99) {
    }

    /** One request: the API path and query, and the same question as SQL with its parameters. */
    record Ask(String api, String sql, List<Object> params) {
    }

    /** Values the questions are made of, taken from the store spread over its seqs. */
    record Samples(List<String[]> sourceTypes, List<String> objects, List<String[]> actorsAt, Instant deepAt,
            long deepSeq, String deepCursor) {
    }

    private QueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        boolean full = a.full();
        int base = a.getInt("events", full ? 100_000 : 1_000);
        int runs = a.getInt("runs", full ? 3 : 1);
        int requests = a.getInt("requests", full ? 1_000 : 40);
        Path work = Path.of(a.get("work", "modules/benchmarks/target/query"));
        Database db = Database.of(a, work);
        Path app = Path.of(a.get("gateway", "modules/gateway/target/quarkus-app"));
        List<Figure> figures = run(db, app, base, runs, requests, work);
        System.out.println("Query (" + (full ? "full" : "smoke") + " size, " + db.kind() + ", " + runs
                + " runs; ms, median (min–max))\n" + Machine.line() + "\n");
        System.out.println(table(figures));
        System.out.println("Written to " + Results.write("query-" + db.kind(), full, figures));
    }

    public static List<Figure> run(Database db, Path app, int base, int runs, int requests, Path work)
            throws Exception {
        db.reset();
        fill(db, app, base, work.resolve("fill.log"));
        List<Figure> figures = new ArrayList<>();
        long size = count(db);
        figures.addAll(measure(db, app, size, runs, requests, work.resolve("gateway-small.log")));
        grow(db, 9);
        size = count(db);
        figures.addAll(measure(db, app, size, runs, requests, work.resolve("gateway-large.log")));
        return figures;
    }

    /** The gateway backfills {@code events} from the sandbox, as in the ingest benchmark. */
    static void fill(Database db, Path app, int events, Path log) throws Exception {
        try (Sandbox sandbox = Sandbox.builder().seed(2027).port(0)
                .kantata(k -> k.rateLimit(0, Duration.ofMinutes(1)).lateness(false)).start()) {
            sandbox.generator().generate(events, Duration.ofHours(20));
            long truth = 0;
            for (Api api : List.of(Api.KANTATA, Api.WORKSECTION, Api.ONEHUB)) {
                truth += sandbox.truth().size(api);
            }
            Map<String, String> config = new LinkedHashMap<>(db.gatewayConfig());
            config.putAll(IngestBenchmark.connections(sandbox));
            try (GatewayProcess gateway = GatewayProcess.start(app, config, List.of(), log, Duration.ofMinutes(3))) {
                long last = -1;
                long lastProgress = System.nanoTime();
                while (true) {
                    Thread.sleep(500);
                    long stored = IngestBenchmark.total(IngestBenchmark.stored(gateway));
                    if (stored > last) {
                        last = stored;
                        lastProgress = System.nanoTime();
                    }
                    if (stored >= truth || System.nanoTime() - lastProgress > Duration.ofSeconds(20).toNanos()) {
                        break;
                    }
                }
            }
        }
    }

    /** Adds {@code copies} copies of every row, each one span further back, with its own ids and seqs. */
    static void grow(Database db, int copies) throws SQLException {
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            long maxSeq;
            try (ResultSet rs = s.executeQuery("SELECT max(seq) FROM event")) {
                rs.next();
                maxSeq = rs.getLong(1);
            }
            String rest = COLUMNS.substring(COLUMNS.indexOf("source,")) + ", raw";
            String select = rest.replace("occurred_at,", db.postgres() ? "occurred_at - k * INTERVAL '20 hours',"
                    : "DATEADD(HOUR, -20 * k, occurred_at),");
            String sql = db.postgres()
                    ? "INSERT INTO event (id, seq, " + rest + ") SELECT substr(id, 1, 29) || 'g' || lpad(k::text, 2, '0'),"
                            + " seq + k * " + maxSeq + ", " + select + " FROM event, generate_series(1, " + copies
                            + ") AS g(k)"
                    : "INSERT INTO event (id, seq, " + rest + ") SELECT SUBSTRING(id, 1, 29) || 'g' || LPAD(CAST(k AS"
                            + " VARCHAR), 2, '0'), seq + k * " + maxSeq + ", " + select + " FROM event, (SELECT X AS k"
                            + " FROM SYSTEM_RANGE(1, " + copies + ")) g";
            s.executeUpdate(sql);
            s.executeUpdate("UPDATE feed_head SET last_seq = (SELECT max(seq) FROM event) WHERE id = 1");
            s.execute("ANALYZE");
        }
    }

    static long count(Database db) throws SQLException {
        try (Connection c = db.open(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every query at concurrency 1 and 16: first straight SQL (the gateway stopped), then the gateway's API. */
    static List<Figure> measure(Database db, Path app, long size, int runs, int requests, Path log)
            throws Exception {
        Samples samples;
        try (Connection c = db.open()) {
            samples = samples(c, size);
        }
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (String q : QUERIES) {
            for (int concurrency : new int[] {1, 16}) {
                figures.put(q + concurrency, new Figure(q, size, concurrency, new ArrayList<>(), new ArrayList<>(),
                        new ArrayList<>(), new ArrayList<>()));
            }
        }
        for (int run = 0; run < runs; run++) {
            for (Figure f : figures.values()) {
                double[] ms = timeSql(db, f.query(), samples, f.concurrency(), requests * (f.concurrency() == 1 ? 1
                        : 2), run);
                f.sqlP50().add(Stats.percentile(ms, 50));
                f.sqlP99().add(Stats.percentile(ms, 99));
            }
        }
        try (GatewayProcess gateway = GatewayProcess.start(app, db.gatewayConfig(), List.of(), log,
                Duration.ofMinutes(3))) {
            samples = withCursor(gateway, samples, size);
            for (int run = 0; run < runs; run++) {
                for (Figure f : figures.values()) {
                    double[] ms = timeApi(gateway, f.query(), samples, f.concurrency(), requests
                            * (f.concurrency() == 1 ? 1 : 2), run);
                    f.gatewayP50().add(Stats.percentile(ms, 50));
                    f.gatewayP99().add(Stats.percentile(ms, 99));
                }
            }
        }
        return new ArrayList<>(figures.values());
    }

    static int depth(long size) {
        return (int) Math.max(1, Math.min(100, size / PAGE / 2));
    }

    private static Samples samples(Connection c, long size) throws SQLException {
        List<String[]> sourceTypes = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        List<String[]> actorsAt = new ArrayList<>();
        long step = Math.max(1, size / 200);
        try (PreparedStatement s = c.prepareStatement("SELECT source, type, object_id, actor_id, occurred_at FROM event"
                + " WHERE MOD(seq, ?) = 0 AND object_id IS NOT NULL AND actor_id IS NOT NULL")) {
            s.setLong(1, step);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sourceTypes.add(new String[] {rs.getString(1), rs.getString(2)});
                    objects.add(rs.getString(3));
                    actorsAt.add(new String[] {rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant().toString()});
                }
            }
        }
        Instant deepAt;
        long deepSeq;
        try (PreparedStatement s = c.prepareStatement("SELECT occurred_at, seq FROM event ORDER BY occurred_at DESC,"
                + " seq DESC LIMIT 1 OFFSET " + (depth(size) * PAGE - 1))) {
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                deepAt = rs.getObject(1, OffsetDateTime.class).toInstant();
                deepSeq = rs.getLong(2);
            }
        }
        return new Samples(sourceTypes, objects, actorsAt, deepAt, deepSeq, null);
    }

    /** Follows nextCursor from the newest page as deep as the SQL's position, checking both agree. */
    private static Samples withCursor(GatewayProcess gateway, Samples s, long size) throws IOException, InterruptedException {
        String cursor = null;
        for (int page = 0; page < depth(size); page++) {
            JsonNode body = JSON.readTree(gateway.get("/api/v1/events?limit=" + PAGE
                    + (cursor == null ? "" : "&cursor=" + cursor)));
            cursor = body.path("nextCursor").asText();
            JsonNode last = body.path("items").get(body.path("items").size() - 1);
            if (page == depth(size) - 1 && last.path("seq").asLong() != s.deepSeq()) {
                throw new IllegalStateException("the API's page " + (page + 1) + " ends at seq "
                        + last.path("seq").asLong() + ", the SQL's at " + s.deepSeq());
            }
        }
        return new Samples(s.sourceTypes(), s.objects(), s.actorsAt(), s.deepAt(), s.deepSeq(), cursor);
    }

    /** The i-th question of a query: API path and the gateway's SQL with the same values (LIMIT page + 1). */
    static Ask ask(String query, Samples s, Random random) {
        List<Object> p = new ArrayList<>();
        String order = " ORDER BY occurred_at DESC, seq DESC LIMIT " + (PAGE + 1);
        String select = "SELECT " + COLUMNS + " FROM event";
        switch (query) {
            case "newest page":
                return new Ask("/api/v1/events?limit=" + PAGE, select + order, p);
            case "by source and type": {
                String[] st = s.sourceTypes().get(random.nextInt(s.sourceTypes().size()));
                p.add(st[0]);
                p.add(st[1]);
                return new Ask("/api/v1/events?limit=" + PAGE + "&source=" + enc(st[0]) + "&type=" + enc(st[1]),
                        select + " WHERE source = ? AND type = ?" + order, p);
            }
            case "by object": {
                String object = s.objects().get(random.nextInt(s.objects().size()));
                p.add(object);
                return new Ask("/api/v1/events?limit=" + PAGE + "&objectId=" + enc(object),
                        select + " WHERE object_id = ?" + order, p);
            }
            case "by actor and time range": {
                String[] actorAt = s.actorsAt().get(random.nextInt(s.actorsAt().size()));
                Instant until = Instant.parse(actorAt[1]).plusSeconds(1);
                Instant since = until.minus(Duration.ofHours(6));
                p.add(actorAt[0]);
                p.add(since.atOffset(ZoneOffset.UTC));
                p.add(until.atOffset(ZoneOffset.UTC));
                return new Ask("/api/v1/events?limit=" + PAGE + "&actorId=" + enc(actorAt[0]) + "&since="
                        + enc(since.toString()) + "&until=" + enc(until.toString()),
                        select + " WHERE actor_id = ? AND occurred_at >= ? AND occurred_at < ?" + order, p);
            }
            case "ascending":
                return new Ask("/api/v1/events?limit=" + PAGE + "&order=occurred_asc",
                        select + " ORDER BY occurred_at ASC, seq ASC LIMIT " + (PAGE + 1), p);
            case "100 cursors deep":
                p.add(s.deepAt().atOffset(ZoneOffset.UTC));
                p.add(s.deepAt().atOffset(ZoneOffset.UTC));
                p.add(s.deepSeq());
                return new Ask("/api/v1/events?limit=" + PAGE + "&cursor=" + s.deepCursor(),
                        select + " WHERE occurred_at <= ? AND (occurred_at < ? OR seq < ?)" + order, p);
            default:
                throw new IllegalArgumentException(query);
        }
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private interface Timed {
        void run(Ask ask) throws Exception;
    }

    private static double[] time(int concurrency, int requests, String query, Samples s, long seed,
            java.util.function.Supplier<Timed> perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            int perThreadRequests = Math.max(1, requests / concurrency);
            int warmup = Math.max(2, perThreadRequests / 5);
            List<Future<double[]>> futures = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                long threadSeed = seed * 1000 + t;
                futures.add(pool.submit(() -> {
                    Timed timed = perThread.get();
                    Random random = new Random(threadSeed);
                    double[] ms = new double[perThreadRequests];
                    for (int i = 0; i < warmup + perThreadRequests; i++) {
                        Ask ask = ask(query, s, random);
                        long start = System.nanoTime();
                        timed.run(ask);
                        if (i >= warmup) {
                            ms[i - warmup] = (System.nanoTime() - start) / 1e6;
                        }
                    }
                    return ms;
                }));
            }
            List<Double> all = new ArrayList<>();
            for (Future<double[]> f : futures) {
                for (double v : f.get()) {
                    all.add(v);
                }
            }
            return all.stream().mapToDouble(Double::doubleValue).toArray();
        } finally {
            pool.shutdownNow();
        }
    }

    static double[] timeSql(Database db, String query, Samples s, int concurrency, int requests, int run)
            throws Exception {
        List<Connection> open = new ArrayList<>();
        try {
            return time(concurrency, requests, query, s, run, () -> {
                Connection c;
                try {
                    c = db.open("benchmark-sql");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                synchronized (open) {
                    open.add(c);
                }
                return ask -> {
                    try (PreparedStatement st = c.prepareStatement(ask.sql())) {
                        for (int i = 0; i < ask.params().size(); i++) {
                            st.setObject(i + 1, ask.params().get(i));
                        }
                        int rows = 0;
                        try (ResultSet rs = st.executeQuery()) {
                            int columns = rs.getMetaData().getColumnCount();
                            while (rs.next()) {
                                for (int i = 1; i <= columns; i++) {
                                    rs.getObject(i);
                                }
                                rows++;
                            }
                        }
                        if (rows == 0) {
                            throw new IllegalStateException("no rows for " + ask.sql() + " " + ask.params());
                        }
                    }
                };
            });
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
    }

    static double[] timeApi(GatewayProcess gateway, String query, Samples s, int concurrency, int requests, int run)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return time(concurrency, requests, query, s, run, () -> ask -> {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(gateway.api(ask.api()).toString()))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200 || r.body().length < 20) {
                throw new IllegalStateException(ask.api() + " answered " + r.statusCode() + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
        });
    }

    static String table(List<Figure> figures) {
        Markdown t = new Markdown("query", "events stored", "concurrency", "gateway p50", "gateway p99",
                "direct SQL p50", "direct SQL p99", "ratio p50", "ratio p99");
        for (Figure f : figures) {
            t.row(f.query(), String.format(java.util.Locale.ROOT, "%,d", f.storeSize()), f.concurrency(),
                    Spread.of(f.gatewayP50()).format("%.1f"), Spread.of(f.gatewayP99()).format("%.1f"),
                    Spread.of(f.sqlP50()).format("%.1f"), Spread.of(f.sqlP99()).format("%.1f"),
                    Markdown.num("%.1f", Spread.of(f.gatewayP50()).median() / Spread.of(f.sqlP50()).median()),
                    Markdown.num("%.1f", Spread.of(f.gatewayP99()).median() / Spread.of(f.sqlP99()).median()));
        }
        return t.toString();
    }
}
