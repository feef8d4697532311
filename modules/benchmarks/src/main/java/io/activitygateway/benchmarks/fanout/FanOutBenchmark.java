package io.activitygateway.benchmarks.fanout;

import io.activitygateway.benchmarks.common.GatewayProcess;
import io.activitygateway.benchmarks.common.ProcStat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.ToDoubleFunction;

/**
 * SSE fan-out: N concurrent subscribers on one packaged gateway while events are committed at a steady rate.
 * Reports commit-to-receipt latency p50/p99/max (from the moment COMMIT returns to the writer to the moment a
 * subscriber's client reads the message), events delivered per second, the gateway's peak heap and RSS, the gateway's and the load
 * client's CPU apart, and checks that every subscriber got every event once and in seq order.
 *
 * <p>Events are committed by this process over JDBC exactly as another gateway instance commits them (feed_head
 * seqs, then on PostgreSQL one NOTIFY), so their commit time is known on the client's clock. On PostgreSQL that
 * NOTIFY wakes the gateway's feed reader, as a commit of its own does; on H2 (smoke size only: the database is the
 * gateway's own file, shared through H2's AUTO_SERVER) the reader is woken by a 20 ms poll instead.
 *
 * <pre>java -cp modules/benchmarks/target/benchmarks.jar io.activitygateway.benchmarks.fanout.FanOutBenchmark
 *     --size=full --app=&lt;quarkus-app of a PostgreSQL build&gt; --pg-url=jdbc:postgresql://127.0.0.1:5432/fanout</pre>
 * The PostgreSQL database given is emptied before each run.
 */
public final class FanOutBenchmark {

    /** What one run is asked to do. */
    public record Plan(Path app, String pgUrl, String pgUser, int subscribers, String protocol,
            int streamsPerConnection, int eventsPerSecond, int seconds, String heap, int clientLoops, Path work) {

        boolean h2c() {
            return protocol.equals("h2c") || (protocol.equals("auto") && subscribers > 15_000);
        }
    }

    /** One measured run. */
    public record Result(int subscribers, String protocol, long events, long expected, long delivered, long gaps,
            long repeats, long incomplete, long failures, String firstFailure, double p50, double p99, double max,
            double deliveredPerSecond, double commitMaxMs, long heapPeak, long rssPeak, long gatewayCpuMs, long clientCpuMs,
            long measuredMs, double loadBefore, double loadAfter) {

        /** Every subscriber got every event once, in order. */
        public boolean exact() {
            return delivered == expected && gaps == 0 && repeats == 0 && incomplete == 0 && failures == 0;
        }
    }

    private FanOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(2, eq < 0 ? arg.length() : eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        boolean full = "full".equals(a.get("size"));
        List<Integer> sizes = Arrays.stream(a.getOrDefault("subscribers", full ? "1000,10000" : "200").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        int runs = Integer.parseInt(a.getOrDefault("runs", full ? "3" : "1"));
        String label = a.getOrDefault("label", "");
        List<Result> results = new ArrayList<>();
        for (int size : sizes) {
            for (int run = 1; run <= runs; run++) {
                Plan plan = new Plan(Path.of(a.getOrDefault("app", "modules/gateway/target/quarkus-app")),
                        a.get("pg-url"), a.getOrDefault("pg-user", "postgres"), size,
                        a.getOrDefault("protocol", "auto"),
                        Integer.parseInt(a.getOrDefault("streams-per-connection", "100")),
                        Integer.parseInt(a.getOrDefault("rate", "20")),
                        Integer.parseInt(a.getOrDefault("seconds", full ? "30" : "5")),
                        a.getOrDefault("heap", "1g"), Integer.parseInt(a.getOrDefault("client-loops", "2")),
                        Path.of(a.getOrDefault("work", "modules/benchmarks/target/fan-out")));
                Result r = run(plan);
                System.out.println(line(r, run));
                results.add(r);
            }
        }
        String table = table(results, label);
        System.out.println();
        System.out.println(table);
        write(results, full, label);
    }

    /** Starts a gateway, opens the subscribers, commits events for the plan's time and measures. */
    public static Result run(Plan plan) throws Exception {
        Path work = plan.work().toAbsolutePath();
        Files.createDirectories(work);
        Path data = Files.createTempDirectory(work, "run-");
        String url;
        String user;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("gateway.auth.mode", "open");
        props.put("gateway.data-dir", data.toString());
        props.put("quarkus.log.category.\"io.activitygateway\".level", "WARN");
        if (plan.pgUrl() != null) {
            url = plan.pgUrl();
            user = plan.pgUser();
            empty(url, user);
            props.put("quarkus.datasource.jdbc.url", url);
            props.put("quarkus.datasource.username", user);
        } else {
            url = "jdbc:h2:file:" + data.resolve("gateway") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
            user = "gateway";
            props.put("quarkus.datasource.jdbc.url", url);
            props.put("gateway.feed.poll-interval", "20ms");
        }
        int events = plan.eventsPerSecond() * plan.seconds();
        AtomicLongArray commitNanos = new AtomicLongArray(events + 2);
        long clientPid = ProcessHandle.current().pid();
        try (GatewayProcess gateway = GatewayProcess.start(plan.app(), props, List.of("-Xmx" + plan.heap(), "-Xms64m"),
                data.resolve("gateway.log"), Duration.ofSeconds(120));
                FeedWriter writer = new FeedWriter(url, user)) {
            if ((plan.pgUrl() != null) != writer.postgres()) {
                throw new IllegalStateException("--pg-url must name a PostgreSQL database");
            }
            long after = writer.head();
            try (SseLoad load = new SseLoad(gateway.port(), plan.h2c(), plan.streamsPerConnection(),
                    plan.subscribers(), plan.clientLoops(), after, commitNanos)) {
                load.open(plan.subscribers(), 600_000);
                double loadBefore = ProcStat.oneMinuteLoad();
                long gatewayCpu0 = gateway.cpuMillis();
                long clientCpu0 = ProcStat.cpuMillis(clientPid);
                long start = System.nanoTime();
                // Steady: a batch every 100 ms.
                int batches = plan.seconds() * 10;
                int committed = 0;
                long last = after;
                for (int b = 0; b < batches; b++) {
                    int size = (int) ((long) events * (b + 1) / batches) - committed;
                    if (size > 0) {
                        last = writer.commit(size, after, commitNanos);
                        committed += size;
                    }
                    long next = start + (b + 1) * 100_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (load.completeThrough(last) < plan.subscribers() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                long gatewayCpu = gateway.cpuMillis() - gatewayCpu0;
                long clientCpu = ProcStat.cpuMillis(clientPid) - clientCpu0;
                SseLoad.Summary s = load.summary(last);
                long measuredNanos = Math.max(1, s.lastReceiptNanos() - start);
                return new Result(plan.subscribers(), plan.h2c() ? "h2c" : "http/1.1", committed,
                        (long) committed * plan.subscribers(), s.delivered(), s.gaps(), s.repeats(), s.incomplete(),
                        s.failures(), s.firstFailure(), s.latency().quantileMillis(0.5),
                        s.latency().quantileMillis(0.99), s.latency().maxMillis(),
                        s.delivered() / (measuredNanos / 1e9), writer.commitMaxNanos / 1e6, gateway.peakHeapBytes(), gateway.peakRssBytes(), gatewayCpu,
                        clientCpu, measuredNanos / 1_000_000, loadBefore, ProcStat.oneMinuteLoad());
            }
        }
    }

    /** A fresh schema for the gateway to migrate: each run starts from an empty store. */
    private static void empty(String url, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    static String line(Result r, int run) {
        return String.format(Locale.ROOT, "run %d: %,d subscribers (%s), %,d events: p50 %.1f ms, p99 %.1f ms, max %.1f"
                + " ms, %,.0f delivered/s, slowest COMMIT %.0f ms, heap %d MiB, RSS %d MiB, gateway CPU %,d ms, client CPU %,d ms, load %.1f-%.1f,"
                + " exact: %s (delivered %,d of %,d, gaps %d, repeats %d, incomplete %d, failures %d%s)", run,
                r.subscribers(), r.protocol(), r.events(), r.p50(), r.p99(), r.max(), r.deliveredPerSecond(),
                r.commitMaxMs(), r.heapPeak() >> 20, r.rssPeak() >> 20, r.gatewayCpuMs(), r.clientCpuMs(), r.loadBefore(),
                r.loadAfter(), r.exact(), r.delivered(), r.expected(), r.gaps(), r.repeats(), r.incomplete(),
                r.failures(), r.firstFailure() == null ? "" : ": " + r.firstFailure());
    }

    /** Per size: min / median / max over the runs. */
    static String table(List<Result> results, String label) {
        StringBuilder out = new StringBuilder("SSE fan-out").append(label.isEmpty() ? "" : " (" + label + ")")
                .append(", min / median / max of the runs\n\n");
        out.append("| subscribers | runs | p50 ms | p99 ms | max ms | delivered/s | heap MiB | RSS MiB | gateway CPU"
                + " ms | client CPU ms | every event once, in order |\n");
        out.append("|---:|---:|---|---|---|---|---|---|---|---|---|\n");
        Map<String, List<Result>> bySize = new LinkedHashMap<>();
        for (Result r : results) {
            bySize.computeIfAbsent(String.format(Locale.ROOT, "%,d (%s)", r.subscribers(), r.protocol()),
                    k -> new ArrayList<>()).add(r);
        }
        bySize.forEach((size, rs) -> out.append("| ").append(size).append(" | ").append(rs.size())
                .append(" | ").append(mmm(rs, Result::p50, "%.0f"))
                .append(" | ").append(mmm(rs, Result::p99, "%.0f"))
                .append(" | ").append(mmm(rs, Result::max, "%.0f"))
                .append(" | ").append(mmm(rs, Result::deliveredPerSecond, "%,.0f"))
                .append(" | ").append(mmm(rs, r -> r.heapPeak() >> 20, "%.0f"))
                .append(" | ").append(mmm(rs, r -> r.rssPeak() >> 20, "%.0f"))
                .append(" | ").append(mmm(rs, Result::gatewayCpuMs, "%,.0f"))
                .append(" | ").append(mmm(rs, Result::clientCpuMs, "%,.0f"))
                .append(" | ").append(rs.stream().allMatch(Result::exact) ? "yes" : "NO").append(" |\n"));
        return out.toString();
    }

    private static String mmm(List<Result> rs, ToDoubleFunction<Result> f, String format) {
        double[] v = rs.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 1) {
            return String.format(Locale.ROOT, format, v[0]);
        }
        return String.format(Locale.ROOT, format + " / " + format + " / " + format, v[0], v[v.length / 2],
                v[v.length - 1]);
    }

    private static void write(List<Result> results, boolean full, String label) {
        StringBuilder json = new StringBuilder("{\"benchmark\":\"fan-out\",\"size\":\"").append(full ? "full" : "smoke")
                .append("\",\"label\":\"").append(label).append("\",\"date\":\"").append(Instant.now())
                .append("\",\"results\":[");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"subscribers\":%d,\"protocol\":\"%s\","
                    + "\"events\":%d,\"exact\":%b,\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"maxMs\":%.2f,\"deliveredPerSecond\":%.0f,"
                    + "\"commitMaxMs\":%.1f,\"heapPeakBytes\":%d,\"rssPeakBytes\":%d,\"gatewayCpuMs\":%d,\"clientCpuMs\":%d,\"measuredMs\":%d,"
                    + "\"loadBefore\":%.2f,\"loadAfter\":%.2f}", r.subscribers(), r.protocol(), r.events(), r.exact(),
                    r.p50(), r.p99(), r.max(), r.deliveredPerSecond(), r.commitMaxMs(), r.heapPeak(), r.rssPeak(), r.gatewayCpuMs(),
                    r.clientCpuMs(), r.measuredMs(), r.loadBefore(), r.loadAfter()));
        }
        json.append("]}\n");
        try {
            Path dir = Path.of("modules/benchmarks/target/results");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("fan-out-" + (full ? "full" : "smoke") + (label.isEmpty() ? "" : "-" + label)
                    + ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
