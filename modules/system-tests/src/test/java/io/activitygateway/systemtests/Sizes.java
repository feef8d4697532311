package io.activitygateway.systemtests;

/**
 * How big the system tests run: {@code -Dsystem.size=smoke} (the normal build, a few minutes in all) or
 * {@code full} (docs/reliability.md). Each number may also be given on its own, e.g. {@code -Dsystem.kills=5}.
 */
final class Sizes {

    static final boolean FULL = "full".equals(System.getProperty("system.size", "smoke"));

    private Sizes() {
    }

    static int of(String name, int smoke, int full) {
        return Integer.getInteger("system." + name, FULL ? full : smoke);
    }

    /**
     * The system tests run only when asked ({@code -Dsystem.run=true}, docs/reliability.md): they need packaged
     * gateways (a PostgreSQL one beside the default) and take minutes, so {@code .ci/run} runs them in a step of
     * their own after the packages are built, not inside the plain {@code ./mvnw verify}.
     */
    static void assumeAsked() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("system.run"),
                "system tests run with -Dsystem.run=true (docs/reliability.md)");
    }

    static int kills() {
        return of("kills", 3, 20);
    }

    static int backfill() {
        return of("backfill", 3000, 200_000);
    }

    static int rate() {
        return of("rate", 20, 50);
    }

    static int soakSeconds() {
        return of("soak-seconds", 60, 600);
    }

    static int outageSeconds() {
        return of("outage-seconds", 15, 60);
    }
}
