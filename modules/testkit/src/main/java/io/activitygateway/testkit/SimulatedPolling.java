package io.activitygateway.testkit;

import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceClock;
import io.activitygateway.spi.SourceException;
import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * Polls one adapter as the gateway's scheduler does, on a simulated clock: hours of polling in seconds. The adapter
 * gets the source's clock as the gateway measures it ({@link SourceClock} fed with every response's {@code Date}),
 * so a source whose clock runs apart from ours is seen the way the gateway sees it.
 */
public final class SimulatedPolling {

    private final SourceAdapter adapter;
    private final ConnectionSettings settings;
    private final MemoryStore store;
    private final SettableClock clock;
    private final SourceClock sourceClock;
    private final LoopbackHttp http;
    private int polls;

    public SimulatedPolling(SourceAdapter adapter, ConnectionSettings settings, MemoryStore store, SettableClock clock,
            LoopbackHttp http) {
        this.adapter = adapter;
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.sourceClock = new SourceClock(clock);
        this.http = http.measuring(sourceClock);
    }

    /** The source's clock as measured so far. */
    public SourceClock sourceClock() {
        return sourceClock;
    }

    /** Polls once, now. */
    public SimulatedPolling poll() throws SourceException {
        new TestPoll(settings, store, sourceClock, http).run(adapter);
        polls++;
        return this;
    }

    /**
     * {@code count} times: moves the clock on by {@code interval}, lets {@code activity} happen (it gets the poll's
     * number, from 0), then polls.
     */
    public SimulatedPolling every(Duration interval, int count, IntConsumer activity) throws SourceException {
        for (int i = 0; i < count; i++) {
            clock.advance(interval);
            activity.accept(i);
            poll();
        }
        return this;
    }

    /** Polls so far. */
    public int polls() {
        return polls;
    }
}
