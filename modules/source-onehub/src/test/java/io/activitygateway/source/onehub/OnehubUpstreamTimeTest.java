package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.http.Traffic;
import io.activitygateway.testkit.SimulatedPolling;
import io.activitygateway.testkit.TestSettings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Time and economy against the Onehub simulator, polled every 30 s with the default settings on a simulated clock,
 * as its administrator: every event read about twice, an idle poll one request, Onehub's clock 20 minutes apart
 * from ours. Each test ends with the store equal to the ground truth.
 */
class OnehubUpstreamTimeTest {

    private static final Instant T0 = Instant.parse("2026-11-20T18:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    /** A lookback (10 min) of quiet and a little more: everything has settled. */
    private static final int SETTLE_POLLS = 25;

    private SandboxOnehub s;
    private SimulatedPolling polling;

    private void start(Duration clockOffset) throws Exception {
        s = new SandboxOnehub(T0, Sandbox.builder().seed(18).clockOffset(clockOffset));
        TestSettings settings = s.settingsOf(s.person(0));
        polling = new SimulatedPolling(SandboxOnehub.adapter(settings), settings.build(), s.store, s.clock, s.http);
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    private void busy(int polls, int perPoll) throws Exception {
        polling.every(INTERVAL, polls, i -> s.sandbox.generator().generate(perPoll));
    }

    @ParameterizedTest(name = "{0} events/s")
    @ValueSource(ints = {5, 50})
    void eachEventIsFetchedAboutTwiceAndNoneIsMissed(int perSecond) throws Exception {
        start(Duration.ZERO);
        polling.poll();
        Traffic.Snapshot before = s.sandbox.traffic(Api.ONEHUB).snapshot();
        int polls = perSecond == 5 ? 60 : 20;
        busy(polls, perSecond * 30);
        Traffic.Snapshot busy = s.sandbox.traffic(Api.ONEHUB).snapshot().minus(before);
        busy(SETTLE_POLLS, 0);
        Traffic.Snapshot all = s.sandbox.traffic(Api.ONEHUB).snapshot().minus(before);

        s.assertStoredExactly(s.truth());
        double readsPerEvent = (double) all.records() / s.truth().size();
        assertTrue(readsPerEvent <= 2.5 && readsPerEvent >= 1.5, "reads per event: " + readsPerEvent);
        double requestsPerPoll = (double) busy.requests() / polls;
        assertTrue(requestsPerPoll <= 2 * Math.ceil(perSecond * 30 / 100.0) + 2, "requests per poll: " + requestsPerPoll);
        System.out.printf("onehub %d events/s: %d stored, %.2f reads per event, %.1f requests per busy poll,"
                + " %.4f requests per stored event%n", perSecond, s.truth().size(), readsPerEvent, requestsPerPoll,
                (double) all.requests() / s.truth().size());
    }

    @ParameterizedTest(name = "Onehub''s clock {0} min off ours")
    @ValueSource(ints = {-20, 20})
    void anOnehubClockTwentyMinutesApartLosesAndDoublesNothing(int minutes) throws Exception {
        start(Duration.ofMinutes(minutes));
        s.sandbox.generator().generate(300, Duration.ofHours(2));
        polling.poll();
        busy(60, 40);
        busy(SETTLE_POLLS, 0);

        assertEquals(Duration.ofMinutes(minutes), polling.sourceClock().offset(), "measured from Date");
        s.assertStoredExactly(s.truth());
        assertTrue(s.truth().size() > 2500, "stored " + s.truth().size());
    }

    @Test
    void aDayOfIdlePollingCostsOneRequestAPoll() throws Exception {
        start(Duration.ZERO);
        s.sandbox.generator().generate(400, Duration.ofHours(3));
        polling.poll();
        busy(SETTLE_POLLS, 0);
        long before = s.sandbox.traffic(Api.ONEHUB).requests();
        int day = (int) (Duration.ofDays(1).toSeconds() / INTERVAL.toSeconds());
        busy(day, 0);
        assertEquals(day, s.sandbox.traffic(Api.ONEHUB).requests() - before);
        s.assertStoredExactly(s.truth());
    }
}
