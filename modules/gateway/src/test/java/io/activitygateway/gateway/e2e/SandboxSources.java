package io.activitygateway.gateway.e2e;

import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.sandbox.world.Person;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * One sandbox for the test JVM, with a connection of each real source kind pointed at it. Polls are driven by the
 * tests ({@code auto-start} is off in tests); the poll interval is long so nothing polls behind a test's back.
 */
public class SandboxSources implements QuarkusTestResourceLifecycleManager {

    public static final String WORKSECTION = "ws-e2e";
    public static final String ONEHUB = "onehub-e2e";
    public static final String KANTATA = "kantata-e2e";
    public static final String KANTATA_WRONG_TOKEN = "kantata-wrong-token-e2e";

    private static Sandbox sandbox;

    /**
     * The shared sandbox; it runs on the system clock, as the gateway does in these tests. It starts with six hours
     * of history, made before any connection polls: history that appears behind a checkpoint later than any
     * lookback is not something a real source does.
     */
    public static synchronized Sandbox sandbox() {
        if (sandbox == null) {
            sandbox = Sandbox.builder().seed(20261123).port(0).start();
            sandbox.generator().generate(900, Duration.ofHours(6));
        }
        return sandbox;
    }

    /**
     * New activity, as it happens: spread over the time since the newest change the sandbox emitted (generated or
     * injected), never behind what a source already served. A change dated behind that would be a late event, which
     * each kind reads once it has settled (the adapters' own tests prove that on a simulated clock).
     */
    public static void activity(int changes) {
        Sandbox s = sandbox();
        Instant newest = s.apis().stream().flatMap(api -> s.truth().of(api).stream()).map(TruthEntry::happenedAt)
                .max(Instant::compareTo).orElse(Instant.EPOCH);
        // whole seconds: the sources stamp seconds, so start after the newest one's second
        Instant from = newest.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        long wait = Duration.between(Instant.now(), from.plusMillis(200)).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        s.generator().generate(changes, Duration.between(from, Instant.now()));
    }

    /** The Onehub person who administers every workspace, so the activity feed shows everything. */
    public static Person onehubAdmin() {
        return sandbox().world().person(0);
    }

    @Override
    public Map<String, String> start() {
        Sandbox s = sandbox();
        Map<String, String> config = new HashMap<>();
        put(config, WORKSECTION, "kind", "worksection");
        put(config, WORKSECTION, "base-url", s.worksectionBaseUrl());
        put(config, WORKSECTION, "api-key", "worksection-api-key");
        put(config, WORKSECTION, "timezone", "Europe/Kyiv");

        put(config, KANTATA, "kind", "kantata");
        put(config, KANTATA, "base-url", s.kantataBaseUrl());
        put(config, KANTATA, "token", "kantata-admin-token");
        put(config, KANTATA_WRONG_TOKEN, "kind", "kantata");
        put(config, KANTATA_WRONG_TOKEN, "base-url", s.kantataBaseUrl());
        put(config, KANTATA_WRONG_TOKEN, "token", "not-a-kantata-token");

        Person admin = onehubAdmin();
        put(config, ONEHUB, "kind", "onehub");
        put(config, ONEHUB, "base-url", s.onehubBaseUrl());
        put(config, ONEHUB, "token", OnehubSimulator.token(admin));
        put(config, ONEHUB, "timezone", admin.zone().getId());
        long workspace = s.onehub().workspaceIds().get(0);
        put(config, ONEHUB, "audit-files", String.valueOf(s.onehub().fileIds(workspace).get(0)));
        return config;
    }

    private static void put(Map<String, String> config, String connection, String key, String value) {
        config.put("gateway.sources." + connection + "." + key, value);
        config.putIfAbsent("gateway.sources." + connection + ".poll-interval", "1h");
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; it ends with the JVM.
    }
}
