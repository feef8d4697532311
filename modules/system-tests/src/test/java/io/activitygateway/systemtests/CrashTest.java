package io.activitygateway.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SIGKILLs at random moments while a backfill and the live generator run, a restart after each: afterwards the store
 * holds every change the sandbox emitted once (0 lost, 0 doubled, 0 extra), and an SSE client that kept reconnecting
 * with Last-Event-ID has seen exactly the stored events, once each, in seq order. A last stop (SIGTERM) during polls
 * logs no stack trace.
 */
class CrashTest {

    @Test
    void killedAtRandomOnH2NothingIsLostOrDoubled() throws Exception {
        run("h2", List.of());
    }

    /** On PostgreSQL: the same, with a PostgreSQL build of the gateway (docs/reliability.md). */
    @Test
    void killedAtRandomOnPostgresNothingIsLostOrDoubled() throws Exception {
        Sizes.assumeAsked();
        SystemDatabase db = SystemDatabase.create("crash");
        try {
            run("postgres", db.gatewayProperties());
        } finally {
            db.drop();
        }
    }

    static void run(String name, List<String> database) throws Exception {
        Sizes.assumeAsked();
        Path work = Path.of(System.getProperty("system.work"), "crash-" + name + "-" + System.currentTimeMillis());
        Files.createDirectories(work);
        long seed = Long.getLong("system.seed", 17);
        Random random = new Random(seed);
        int kills = Sizes.kills();
        try (Sandbox sandbox = new Sandbox(work, 42, Sizes.rate(), Sizes.backfill())) {
            List<String> properties = new ArrayList<>(sandbox.connectionProperties());
            properties.addAll(database);
            properties.addAll(List.of("-Dgateway.sources.kantata.poll-interval=2s",
                    "-Dgateway.sources.worksection.poll-interval=2s", "-Dgateway.sources.onehub.poll-interval=2s",
                    "-Dgateway.sources.kantata.initial-window=2d", "-Dgateway.sources.worksection.initial-window=2d",
                    "-Dgateway.sources.onehub.initial-window=2d", Sandbox.KANTATA_LOOKBACK));
            properties.addAll(SystemDatabase.forProcess(database));
            try (Gateway gateway = new Gateway(work, properties)) {
                gateway.start();
                try (FeedClient feed = new FeedClient(() -> gateway.port)) {
                    for (int k = 1; k <= kills; k++) {
                        long wait = 1000 + random.nextInt(Sizes.FULL ? 15_000 : 6_000);
                        Thread.sleep(wait);
                        gateway.kill();
                        System.out.printf("[%s] kill %d of %d after %d ms%n", name, k, kills, wait);
                        gateway.start();
                    }
                    sandbox.send("POST", "generator/stop");
                    Comparison.Truth truth = Comparison.Truth.of(sandbox);
                    Comparison result = settle(sandbox, gateway, truth, Duration.ofSeconds(Sizes.FULL ? 900 : 300));
                    List<JsonNode> stored = gateway.events();
                    long maxSeq = stored.stream().mapToLong(e -> e.get("seq").asLong()).max().orElse(0);
                    assertTrue(feed.awaitSeq(maxSeq, Duration.ofSeconds(120)), "the feed client reached seq " + maxSeq
                            + ", it is at " + feed.lastSeq());
                    List<FeedClient.Received> received = feed.received();
                    String summary = String.format("[%s] %d kills, %s; the feed client got %d events in %d connections",
                            name, kills, result, received.size(), feed.reconnects() + 1);
                    System.out.println(summary);
                    Files.writeString(work.resolve("result.txt"), summary + "\n");
                    // The feed first: it checks the store's own promise (each seq once, in order), whatever the truth.
                    assertFeedIsTheStore(received, stored);
                    assertTrue(result.exact(), summary);
                    // Only what the stop logs: on a loaded machine Vert.x may log a blocked event loop with its stack
                    // earlier, which says nothing about the stop.
                    int before = gateway.process().logText().length();
                    int exit = gateway.stop();
                    String log = gateway.process().logText().substring(before);
                    assertTrue(!log.contains("\tat "), "a stop logs no stack trace; see " + gateway.process().log());
                    assertTrue(exit == 0 || exit == 143, "clean exit, was " + exit);
                }
            }
        }
    }

    /**
     * Waits until the store matches the truth, or until it has stopped changing for 30 s after the lateness bound
     * while no source is failing (one backing off from rate limits still has pages to read); then answers the last
     * look. Kantata's late events and, in a quiet feed, the newest lookback of events (which
     * the gateway reads once Kantata's clock is a lookback past them: ReadWindow in source-kantata) would take the
     * last change's {@code visible_at} plus the lookback in real time; the sandbox's clock is moved past that instead
     * (the generator has stopped, so no change is made under the moved clock), and the bound is 45 s of polls and
     * retries from then. A store still growing (a backfill after restarts) is waited for up to {@code timeout}.
     */
    static Comparison settle(Sandbox sandbox, Gateway gateway, Comparison.Truth truth, Duration timeout)
            throws Exception {
        Instant end = Instant.now().plus(timeout);
        Instant due = truth.lastVisible().plus(Sandbox.LOOKBACK).plusSeconds(5);
        if (due.isAfter(Instant.now())) {
            sandbox.send("POST", "clock?offset=" + Duration.between(Instant.now(), due).withNanos(0).plusSeconds(1));
        }
        Instant bound = Instant.now().plusSeconds(45);
        Comparison last;
        int lastStored = -1;
        Instant changed = Instant.now();
        do {
            last = Comparison.of(truth.keys(), truth.storedKeys(gateway.events()), truth.malformedKeys());
            if (last.exact()) {
                return last;
            }
            if (last.stored() != lastStored) {
                lastStored = last.stored();
                changed = Instant.now();
            } else if (failing(gateway)) {
                changed = Instant.now(); // a source backing off (Kantata's 429s after a catch-up) has not settled
            } else if (Instant.now().isAfter(bound) && Instant.now().isAfter(changed.plusSeconds(30))) {
                return last; // every change had its time to become visible and be read: settled, and not exact
            }
            Thread.sleep(3000);
        } while (Instant.now().isBefore(end));
        return last;
    }

    /** Whether a source's latest poll failed: it is backing off and will read again. */
    private static boolean failing(Gateway gateway) throws Exception {
        for (JsonNode source : gateway.get("/api/v1/sources")) {
            if (source.path("consecutiveFailures").asInt() > 0) {
                return true;
            }
        }
        return false;
    }

    static void assertFeedIsTheStore(List<FeedClient.Received> received, List<JsonNode> stored) {
        Set<String> seen = new HashSet<>();
        long previous = 0;
        for (FeedClient.Received r : received) {
            assertTrue(r.seq() > previous, "seq order: " + r.seq() + " after " + previous);
            assertTrue(seen.add(r.id()), "event " + r.id() + " arrived twice");
            previous = r.seq();
        }
        Set<String> storedIds = new HashSet<>();
        stored.forEach(e -> storedIds.add(e.get("id").asText()));
        assertEquals(storedIds.size(), stored.size());
        Set<String> missing = new HashSet<>(storedIds);
        missing.removeAll(seen);
        Set<String> unknown = new HashSet<>(seen);
        unknown.removeAll(storedIds);
        assertTrue(missing.isEmpty() && unknown.isEmpty(), "the feed is exactly the store: " + missing.size()
                + " stored events never streamed, " + unknown.size() + " streamed events not stored");
    }
}
