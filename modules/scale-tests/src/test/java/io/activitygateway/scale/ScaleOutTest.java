package io.activitygateway.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.http.Traffic;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.sandbox.world.Person;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three packaged gateways on one PostgreSQL database, polling the sandbox's three APIs, while the instance holding
 * the most connections is killed (SIGKILL) twice and replaced. Checked against the sandbox: no API is ever polled
 * by two instances at once, polling resumes within the lease bound after each kill, the store holds exactly the
 * ground truth, and a feed client moving between instances sees one gap-free sequence.
 */
class ScaleOutTest {

    private static final Duration TTL = Duration.ofSeconds(6);
    private static final Duration RENEW = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Map<Api, String> CONNECTIONS = Map.of(Api.KANTATA, "kantata", Api.WORKSECTION, "worksection",
            Api.ONEHUB, "onehub");

    private final Path jar = Path.of(System.getProperty("scale.gateway.jar"));
    private final String pgUrl = System.getProperty("scale.pg.url");
    private final String pgUser = System.getProperty("scale.pg.user", "postgres");
    private final Duration duration = Duration.parse(System.getProperty("scale.duration", "PT45S"));
    private final Path logs = Path.of(System.getProperty("scale.logs", "target/scale-logs"));
    private final List<GatewayProcess> gateways = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private Sandbox sandbox;

    @AfterEach
    void stopAll() throws Exception {
        for (GatewayProcess g : gateways) {
            g.stop();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void threeInstancesTakeTurnsUnderLeasesWhileTheBusiestIsKilledTwice() throws Exception {
        freshDatabase();
        sandbox = Sandbox.builder().seed(15).port(0).start();
        sandbox.generator().generate(300, Duration.ofHours(2));
        Map<String, String> config = config();

        launch(config).port(Duration.ofMinutes(3)); // the first one migrates the schema alone
        GatewayProcess second = launch(config);
        GatewayProcess third = launch(config);
        second.port(Duration.ofMinutes(3));
        third.port(Duration.ofMinutes(3));
        sandbox.generator().start(2.0);

        AtomicInteger turn = new AtomicInteger();
        FeedFollower follower = new FeedFollower(() -> {
            List<GatewayProcess> alive = gateways.stream().filter(GatewayProcess::alive).toList();
            return alive.get(Math.floorMod(turn.getAndIncrement(), alive.size())).baseUrl();
        });
        Thread following = new Thread(follower, "feed-follower");
        following.setDaemon(true);
        following.start();

        Instant start = Instant.now();
        List<Kill> kills = new ArrayList<>();
        long step = duration.toMillis() / 6;
        for (int i = 1; i <= 6; i++) {
            Thread.sleep(step);
            follower.move();
            if (i == 2 || i == 4) {
                kills.add(killBusiest());
                launch(config).port(Duration.ofMinutes(3));
            }
        }
        sandbox.generator().stop();

        // nothing lost, nothing doubled: every change the sources show is stored once
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        Map<String, Integer> onehubTruth;
        Map<String, Integer> worksectionTruth;
        do {
            Thread.sleep(2000);
            onehubTruth = onehubTruth();
            worksectionTruth = worksectionTruth();
        } while ((!onehubTruth.equals(stored("onehub")) || !worksectionTruth.equals(storedWorksection()))
                && Instant.now().isBefore(deadline));
        assertEquals(onehubTruth, stored("onehub"), "Onehub: each change once");
        assertEquals(worksectionTruth, storedWorksection(), "Worksection: each change once");

        long events = count("SELECT count(*) FROM event");
        long head = count("SELECT last_seq FROM feed_head");
        assertEquals(events, head, "one seq per event, none skipped");
        Instant feedDeadline = Instant.now().plus(Duration.ofMinutes(1));
        while (follower.seqs().size() < events && Instant.now().isBefore(feedDeadline)) {
            Thread.sleep(500);
        }
        follower.stop();
        List<Long> seqs = follower.seqs();
        for (int i = 0; i < seqs.size(); i++) {
            if (seqs.get(i) != i + 1) {
                throw new AssertionError("the feed client saw seq " + seqs.get(i) + " at position " + (i + 1)
                        + " (a gap or a repeat) after " + follower.connects() + " connections");
            }
        }
        assertEquals(events, seqs.size(), "the feed client received every event");
        assertEquals(List.of(), follower.problems());
        assertTrue(follower.connects() >= 5, "the client moved between instances: " + follower.connects());

        int handovers = 0;
        StringBuilder report = new StringBuilder();
        for (Api api : CONNECTIONS.keySet()) {
            Traffic traffic = sandbox.traffic(api);
            List<Traffic.Run> runs = traffic.runs();
            report.append(api).append(": ").append(runs.stream().map(r -> instance(r.client()) + "x" + r.requests())
                    .toList()).append('\n');
            assertEquals(1, traffic.maxClientsInFlight(), api + ": two instances had requests open at once\n" + report);
            Set<String> seen = new TreeSet<>();
            for (int i = 0; i < runs.size(); i++) {
                String who = instance(runs.get(i).client());
                assertTrue(seen.add(who), api + ": " + who + " polled again after another instance took over\n"
                        + report);
                if (i == 0) {
                    continue;
                }
                handovers++;
                String before = instance(runs.get(i - 1).client());
                Kill kill = kills.stream().filter(k -> k.instance.equals(before)).findFirst().orElseThrow(() ->
                        new AssertionError(api + ": handed over from " + before + ", which was never killed\n"
                                + report));
                Duration resumed = Duration.between(kill.at, runs.get(i).first());
                report.append(api).append(": resumed by ").append(who).append(' ').append(resumed.toMillis())
                        .append(" ms after ").append(before).append(" was killed\n");
                assertTrue(resumed.compareTo(TTL.multipliedBy(2).plus(POLL)) <= 0, api + ": resumed only after "
                        + resumed + "\n" + report);
            }
        }
        assertTrue(handovers >= 2, "each kill took connections away from an instance\n" + report);
        System.out.printf("scale-out: %d events, %d feed connections, %d kills, %d handovers, run %s%n%s", events,
                follower.connects(), kills.size(), handovers, Duration.between(start, Instant.now())
                        .truncatedTo(ChronoUnit.SECONDS), report);
    }

    private record Kill(String instance, Instant at) {
    }

    private Kill killBusiest() throws Exception {
        String busiest;
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT holder FROM lease WHERE resource LIKE 'connection:%'"
                        + " AND expires_at > now() GROUP BY holder ORDER BY count(*) DESC, holder LIMIT 1")) {
            assertTrue(rs.next(), "someone holds the connections");
            busiest = rs.getString(1);
        }
        GatewayProcess victim = gateways.stream().filter(g -> g.instance.equals(busiest)).findFirst().orElseThrow();
        victim.kill();
        Instant at = Instant.now();
        gateways.remove(victim);
        return new Kill(busiest, at);
    }

    private static String instance(String userAgent) {
        int at = userAgent.indexOf("instance ");
        return at < 0 ? userAgent : userAgent.substring(at + "instance ".length()).replace(")", "");
    }

    private GatewayProcess launch(Map<String, String> config) throws Exception {
        GatewayProcess g = GatewayProcess.start("gw-" + started.incrementAndGet(), jar, logs, config);
        gateways.add(g);
        return g;
    }

    private Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("quarkus.datasource.jdbc.url", pgUrl);
        c.put("quarkus.datasource.username", pgUser);
        c.put("gateway.leases.ttl", TTL.toSeconds() + "s");
        c.put("gateway.leases.renew-every", RENEW.toSeconds() + "s");
        c.put("gateway.feed.poll-interval", "1s");
        c.put("gateway.polling.backoff-initial", "1s");
        c.put("gateway.polling.backoff-max", "3s");
        c.put("gateway.sources.kantata.kind", "kantata");
        c.put("gateway.sources.kantata.base-url", sandbox.kantataBaseUrl());
        c.put("gateway.sources.kantata.token", sandbox.kantata().settings().token());
        c.put("gateway.sources.worksection.kind", "worksection");
        c.put("gateway.sources.worksection.base-url", sandbox.worksectionBaseUrl());
        c.put("gateway.sources.worksection.api-key", sandbox.worksection().settings().apiKey());
        c.put("gateway.sources.worksection.timezone", sandbox.worksection().settings().zone().getId());
        Person admin = sandbox.world().person(0);
        c.put("gateway.sources.onehub.kind", "onehub");
        c.put("gateway.sources.onehub.base-url", sandbox.onehubBaseUrl());
        c.put("gateway.sources.onehub.token", OnehubSimulator.token(admin));
        c.put("gateway.sources.onehub.timezone", admin.zone().getId());
        for (String name : CONNECTIONS.values()) {
            c.put("gateway.sources." + name + ".poll-interval", POLL.toSeconds() + "s");
        }
        return c;
    }

    private List<TruthEntry> visible(Api api) {
        Instant now = Instant.now();
        return sandbox.truth().of(api).stream().filter(t -> t.visibleAt() == null || !t.visibleAt().isAfter(now))
                .toList();
    }

    private Map<String, Integer> onehubTruth() {
        Map<String, Integer> out = new HashMap<>();
        visible(Api.ONEHUB).forEach(t -> t.upstreamIds().forEach(id -> out.merge(id, 1, Integer::sum)));
        return out;
    }

    private Map<String, Integer> worksectionTruth() {
        Map<String, Integer> out = new HashMap<>();
        for (TruthEntry t : visible(Api.WORKSECTION)) {
            if (t.malformed() == null) {
                out.merge(String.join("|", t.action(), t.objectType(), t.objectId(), t.actorId(),
                        t.happenedAt().truncatedTo(ChronoUnit.MINUTES).toString()), 1, Integer::sum);
            }
        }
        return out;
    }

    private Map<String, Integer> stored(String connection) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT source_event_id FROM event WHERE connection = '" + connection
                        + "'")) {
            while (rs.next()) {
                out.merge(rs.getString(1), 1, Integer::sum);
            }
        }
        return out;
    }

    private Map<String, Integer> storedWorksection() throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT source_type, object_type, object_id, actor_id, occurred_at"
                        + " FROM event WHERE connection = 'worksection'")) {
            while (rs.next()) {
                out.merge(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, java.time.OffsetDateTime.class).toInstant().toString()), 1, Integer::sum);
            }
        }
        return out;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** An empty database of the configured name, created if it is missing. */
    private void freshDatabase() throws SQLException {
        String name = pgUrl.substring(pgUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        String admin = pgUrl.substring(0, pgUrl.lastIndexOf('/') + 1) + "postgres";
        try (Connection c = DriverManager.getConnection(admin, pgUser, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            if (!rs.next()) {
                s.execute("CREATE DATABASE \"" + name + "\"");
            }
        }
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }
}
