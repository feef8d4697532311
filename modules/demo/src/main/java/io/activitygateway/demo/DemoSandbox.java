package io.activitygateway.demo;

import io.activitygateway.sandbox.Sandbox;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The one sandbox of this process. Quarkus builds its configuration more than once per start (static and runtime
 * init), and every build must see the same sandbox, so it is started at most once and lives until the JVM exits.
 */
public final class DemoSandbox {

    /** Onehub users' zones: none is UTC, so the page shows times really converted. */
    static final List<ZoneId> ONEHUB_ZONES = List.of(ZoneId.of("America/Los_Angeles"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Sydney"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Tokyo"), ZoneId.of("Europe/Kyiv"), ZoneId.of("America/Sao_Paulo"));
    static final ZoneId WORKSECTION_ZONE = ZoneId.of("Europe/Kyiv");

    private static Sandbox sandbox;
    private static DemoSettings settings;

    private DemoSandbox() {
    }

    /** The running sandbox; started with {@code wanted} on the first call. */
    static synchronized Sandbox start(DemoSettings wanted) {
        if (sandbox == null) {
            Sandbox.Builder builder = Sandbox.builder().seed(wanted.seed()).port(0).onehubZones(ONEHUB_ZONES)
                    .worksection(w -> w.zone(WORKSECTION_ZONE));
            wanted.personNames().forEach(builder::personName);
            Sandbox started = builder.start();
            if (wanted.backfill() > 0) {
                started.generator().generate(wanted.backfill(), Duration.ofHours(24));
            }
            if (wanted.rate() > 0) {
                started.generator().start(wanted.rate());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "demo-sandbox-shutdown"));
            sandbox = started;
            settings = wanted;
        }
        return sandbox;
    }

    /** The sandbox, if the demo started one in this process. */
    public static synchronized Optional<Sandbox> running() {
        return Optional.ofNullable(sandbox);
    }

    static synchronized Optional<DemoSettings> settings() {
        return Optional.ofNullable(settings);
    }
}
