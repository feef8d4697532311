package io.activitygateway.sandbox.generate;

import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.fault.Faults;
import io.activitygateway.sandbox.kantata.KantataSimulator;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.worksection.WorksectionSimulator;
import io.activitygateway.sandbox.world.Person;
import io.activitygateway.sandbox.world.World;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Realistic activity across the running APIs. Content is a pure function of the seed and the order of calls;
 * times come from the sandbox clock. Tests call {@link #generate}; the standalone server runs it in real time
 * at a rate.
 */
public final class ActivityGenerator implements AutoCloseable {

    private static final long TICK_MILLIS = 100;

    private final Clock clock;
    private final World world;
    private final KantataSimulator kantata;
    private final WorksectionSimulator worksection;
    private final OnehubSimulator onehub;
    private final Faults faults;
    private final Random random;
    private final List<Api> weighted = new ArrayList<>();
    private long lastAt = Long.MIN_VALUE;

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-generator");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> running;
    private volatile double rate;
    private double due;
    private long lastTick;

    /** Simulators of APIs that are not running are null. */
    public ActivityGenerator(long seed, Clock clock, World world, KantataSimulator kantata,
                             WorksectionSimulator worksection, OnehubSimulator onehub, Faults faults) {
        this.clock = clock;
        this.world = world;
        this.kantata = kantata;
        this.worksection = worksection;
        this.onehub = onehub;
        this.faults = faults;
        this.random = new Random(seed * 0x9E3779B97F4A7C15L + 7);
        // Kantata gets a bigger share: its accounts are the busiest feed.
        addWeight(kantata != null, Api.KANTATA, 4);
        addWeight(worksection != null, Api.WORKSECTION, 3);
        addWeight(onehub != null, Api.ONEHUB, 3);
    }

    private void addWeight(boolean on, Api api, int weight) {
        for (int i = 0; on && i < weight; i++) {
            weighted.add(api);
        }
    }

    /**
     * Emits {@code n} changes spread evenly between the previous call (or a minute ago, the first time) and now.
     * Returns how many ground-truth entries were added (an identical Worksection pair counts twice).
     */
    public synchronized int generate(int n) {
        long now = clock.millis();
        long from = lastAt == Long.MIN_VALUE ? now - 60_000 : Math.min(lastAt, now);
        return emit(n, from, now);
    }

    /** Emits {@code n} changes spread evenly over the last {@code span} (a backfill of history). */
    public synchronized int generate(int n, Duration span) {
        long now = clock.millis();
        return emit(n, now - span.toMillis(), now);
    }

    private int emit(int n, long from, long to) {
        if (weighted.isEmpty() || n <= 0) {
            return 0;
        }
        int added = 0;
        double step = (double) (to - from) / n;
        for (int i = 1; i <= n; i++) {
            long at = from + (long) (step * i);
            Api api = weighted.get(random.nextInt(weighted.size()));
            Person actor = world.person(random.nextInt(world.people().size()));
            boolean malformed = faults.plan(api).drawMalformed();
            switch (api) {
                case KANTATA -> {
                    kantata.emitRandom(random, at, actor, malformed);
                    added++;
                }
                case WORKSECTION -> added += worksection.emitRandom(random, at, actor, malformed).size();
                case ONEHUB -> {
                    onehub.emitRandom(random, at, actor, malformed);
                    added++;
                }
            }
        }
        lastAt = Math.max(lastAt, to);
        return added;
    }

    /** Generates in real time at {@code eventsPerSecond} until {@link #stop()}; calling again changes the rate. */
    public synchronized void start(double eventsPerSecond) {
        if (eventsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        rate = eventsPerSecond;
        if (running == null) {
            lastTick = System.nanoTime();
            due = 0;
            running = ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void stop() {
        if (running != null) {
            running.cancel(false);
            running = null;
        }
    }

    public synchronized boolean running() {
        return running != null;
    }

    /** Events per second while running. */
    public double rate() {
        return rate;
    }

    private synchronized void tick() {
        // A tick the scheduler had started may have waited for this lock while stop() held it: it must not run.
        if (running == null) {
            return;
        }
        try {
            long nowNanos = System.nanoTime();
            due += rate * (nowNanos - lastTick) / 1e9;
            lastTick = nowNanos;
            // After a stall (GC, suspended laptop) catch up by at most one second's worth, not in one burst.
            due = Math.min(due, Math.max(1, rate));
            int n = (int) due;
            if (n > 0) {
                due -= n;
                generate(n);
            }
        } catch (RuntimeException e) {
            System.err.println("sandbox: generator tick failed: " + e);
        }
    }

    @Override
    public void close() {
        stop();
        ticker.shutdownNow();
    }
}
