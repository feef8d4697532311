package io.activitygateway.gateway.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.testkit.SettableClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Several instances' claims on one lease table (the test database), on a clock the test moves. */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class LeaseClaimsTest {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(10);

    @Inject
    AgroalDataSource dataSource;

    private final SettableClock clock = new SettableClock(Instant.parse("2031-03-01T10:00:00Z"));

    private static String fresh() {
        return "test:" + UUID.randomUUID();
    }

    @Test
    void oneHolderAtATimeAndAnotherTakesOverWithinTwiceTheTtlWhenItStopsRenewing() throws Exception {
        LeaseTable table = new LeaseTable(dataSource);
        LeaseClaims a = new LeaseClaims(table, clock, "a", TTL);
        LeaseClaims b = new LeaseClaims(table, clock, "b", TTL);
        String resource = fresh();

        assertTrue(a.holds(resource));
        assertFalse(b.holds(resource), "a holds it");
        // a renews every RENEW_EVERY; b keeps trying: a keeps it, far beyond one ttl
        for (int i = 0; i < 9; i++) {
            clock.advance(RENEW_EVERY);
            a.renewAll();
            b.renewAll();
            assertTrue(a.holds(resource));
            assertFalse(b.holds(resource), "renewed leases are never taken over");
        }
        assertEquals("a", table.find(resource).orElseThrow().holder());

        Instant died = clock.instant();
        while (!b.holds(resource)) {
            clock.advance(RENEW_EVERY);
            b.renewAll();
        }
        Duration takeover = Duration.between(died, clock.instant());
        assertTrue(takeover.compareTo(TTL.multipliedBy(2)) <= 0, "taken over after " + takeover);
        assertTrue(takeover.compareTo(TTL) >= 0, "not before the lease ran out: " + takeover);
        assertFalse(a.holds(resource), "a stopped believing it holds the lease before b took it");
        assertEquals("b", table.find(resource).orElseThrow().holder());

        // a comes back (a long GC pause, a partition): it does not get the lease back while b renews
        a.renewAll();
        assertFalse(a.holds(resource));
        assertEquals("b", table.find(resource).orElseThrow().holder());
    }

    @Test
    void aHolderStopsBelievingItHoldsTheLeaseOnceItCouldNotRenewForATtl() throws Exception {
        LeaseClaims a = new LeaseClaims(new LeaseTable(dataSource), clock, "a", TTL);
        String resource = fresh();
        assertTrue(a.holds(resource));
        clock.advance(TTL.minusMillis(1));
        assertTrue(a.holds(resource));
        clock.advance(Duration.ofMillis(1));
        assertFalse(a.holds(resource), "held only until ttl after it last asked");
        a.renewAll();
        assertTrue(a.holds(resource), "its own expired lease is free, so it takes it again");
    }

    @Test
    void aReleasedLeaseIsTakenAtOnce() throws Exception {
        LeaseTable table = new LeaseTable(dataSource);
        LeaseClaims a = new LeaseClaims(table, clock, "a", TTL);
        LeaseClaims b = new LeaseClaims(table, clock, "b", TTL);
        String resource = fresh();
        assertTrue(a.holds(resource));
        assertFalse(b.holds(resource));
        a.dropAll();
        assertTrue(table.find(resource).isEmpty(), "released");
        b.renewAll();
        assertTrue(b.holds(resource), "no wait for the expiry after a clean shutdown");
    }

    @Test
    void instancesRacingForAFreeLeaseLeaveExactlyOneHolder() throws Exception {
        LeaseTable table = new LeaseTable(dataSource);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 20; round++) {
                String resource = fresh();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    LeaseClaims claims = new LeaseClaims(table, clock, "racer-" + i, TTL);
                    Callable<Boolean> race = () -> {
                        go.await();
                        return claims.holds(resource);
                    };
                    results.add(pool.submit(race));
                }
                go.countDown();
                int holders = 0;
                for (Future<Boolean> result : results) {
                    holders += result.get() ? 1 : 0;
                }
                assertEquals(1, holders, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
