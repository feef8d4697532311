package io.activitygateway.gateway.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.poll.ConnectionRunner.PollNow;
import io.activitygateway.gateway.scripted.ScriptedKind;
import io.activitygateway.gateway.source.Connection;
import io.activitygateway.testkit.TestSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests to poll now, coalesced by the runner: asking often never multiplies upstream polls. */
class ConnectionRunnerTest {

    private static final Duration MIN_INTERVAL = Duration.ofMillis(300);

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2);
    private final AtomicInteger polls = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private ConnectionRunner runner(Duration pollTakes, CountDownLatch started) throws Exception {
        ScriptedKind kind = new ScriptedKind();
        TestSettings settings = TestSettings.of(kind).connection("coalesced").pollInterval(Duration.ofHours(1))
                .baseUrl(java.net.URI.create("http://127.0.0.1:9/"))
                .token("t");
        Connection connection = new Connection("coalesced", kind, settings.build(), true, null);
        return new ConnectionRunner(connection, executor, c -> {
            polls.incrementAndGet();
            started.countDown();
            try {
                Thread.sleep(pollTakes.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new PollOutcome.Succeeded(0);
        }, new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1)), 3, 0, Clock.systemUTC(), MIN_INTERVAL);
    }

    @Test
    void aHundredAndFiveRequestsInASecondCostAFewPollsNotAHundredAndTen() throws Exception {
        ConnectionRunner runner = runner(Duration.ofMillis(20), new CountDownLatch(1));
        List<PollNow> served = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 105; i++) {
            served.add(runner.pollNow());
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(MIN_INTERVAL.toMillis() * 2);
        int upperBound = (int) Math.ceil(seconds / (MIN_INTERVAL.toMillis() / 1000.0)) + 2;
        assertTrue(polls.get() >= 2 && polls.get() <= upperBound,
                polls.get() + " polls for 105 requests in " + seconds + " s, at most " + upperBound);
        assertTrue(served.contains(PollNow.JOINED_NEXT) && served.contains(PollNow.SCHEDULED), served.toString());
    }

    @Test
    void requestsWhileAPollRunsShareOnePollRightAfterIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ConnectionRunner runner = runner(Duration.ofMillis(400), started);
        assertEquals(PollNow.SCHEDULED, runner.pollNow());
        assertTrue(started.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < 20; i++) {
            assertEquals(PollNow.JOINED_AFTER_RUNNING, runner.pollNow());
        }
        Thread.sleep(1500);
        assertEquals(2, polls.get(), "the running poll and one after it for all twenty requests");
        assertEquals(SourceState.IDLE, runner.state());
    }
}
