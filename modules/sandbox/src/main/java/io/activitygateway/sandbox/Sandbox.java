package io.activitygateway.sandbox;

import io.activitygateway.sandbox.control.ControlApi;
import io.activitygateway.sandbox.fault.FaultPlan;
import io.activitygateway.sandbox.fault.Faults;
import io.activitygateway.sandbox.generate.ActivityGenerator;
import io.activitygateway.sandbox.http.ApiHandler;
import io.activitygateway.sandbox.http.FaultingHandler;
import io.activitygateway.sandbox.http.LoopbackServer;
import io.activitygateway.sandbox.http.Traffic;
import io.activitygateway.sandbox.kantata.KantataSettings;
import io.activitygateway.sandbox.kantata.KantataSimulator;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.truth.GroundTruth;
import io.activitygateway.sandbox.truth.TruthSource;
import io.activitygateway.sandbox.worksection.WorksectionSettings;
import io.activitygateway.sandbox.worksection.WorksectionSimulator;
import io.activitygateway.sandbox.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The simulated vendors behind one loopback HTTP server:
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.builder().clock(clock).seed(42).start()) {
 *     sandbox.generator().generate(100);
 *     URI kantata = URI.create(sandbox.kantataBaseUrl());
 *     ...
 *     assertEquals(sandbox.truth().of(Api.KANTATA).size(), stored.size());
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {

    private final Builder config;
    private final SandboxClock clock;
    private final LoopbackServer server;
    private final ExecutorService executor;
    private final World world;
    private final Faults faults = new Faults();
    private final KantataSimulator kantata;
    private final WorksectionSimulator worksection;
    private final OnehubSimulator onehub;
    private final ActivityGenerator generator;
    private final GroundTruth truth;

    private Sandbox(Builder config) throws IOException {
        this.config = config;
        this.clock = new SandboxClock(config.clock, config.clockOffset);
        World generated = World.generate(config.seed, config.people, config.onehubZones);
        for (Map.Entry<Integer, String> rename : config.names.entrySet()) {
            generated = generated.renamed(rename.getKey(), rename.getValue());
        }
        this.world = generated;
        AtomicLong changeIds = new AtomicLong();
        Set<Api> apis = config.apis;
        this.kantata = apis.contains(Api.KANTATA)
                ? new KantataSimulator(world, clock, config.seed, changeIds, config.kantataSettings) : null;
        this.worksection = apis.contains(Api.WORKSECTION)
                ? new WorksectionSimulator(world, clock, config.seed, changeIds, config.worksectionSettings) : null;
        this.onehub = apis.contains(Api.ONEHUB) ? new OnehubSimulator(world, clock, config.seed, changeIds) : null;
        Map<Api, TruthSource> sources = new EnumMap<>(Api.class);
        if (kantata != null) {
            sources.put(Api.KANTATA, kantata);
        }
        if (worksection != null) {
            sources.put(Api.WORKSECTION, worksection);
        }
        if (onehub != null) {
            sources.put(Api.ONEHUB, onehub);
        }
        this.truth = new GroundTruth(sources);
        this.generator = new ActivityGenerator(config.seed, clock, world, kantata, worksection, onehub, faults);

        AtomicInteger threads = new AtomicInteger();
        // A thread per connection (kept-alive connections hold one), so a delay fault parks only its own request.
        this.executor = new ThreadPoolExecutor(config.threads, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread thread = new Thread(r, "sandbox-http-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.server = new LoopbackServer(config.host, config.port, 256, executor, clock);
        if (kantata != null) {
            mount("/kantata/api/v1", kantata.handler(), faults.plan(Api.KANTATA), kantata.traffic());
        }
        if (worksection != null) {
            mount("/worksection/api/admin/v2", worksection.handler(), faults.plan(Api.WORKSECTION),
                    worksection.traffic());
        }
        if (onehub != null) {
            mount("/onehub", onehub.handler(), faults.plan(Api.ONEHUB), onehub.traffic());
        }
        mount("/_sandbox", new ControlApi(this), null, null);
        server.start();
    }

    private void mount(String prefix, ApiHandler handler, FaultPlan faults, Traffic traffic) {
        server.context(prefix, new FaultingHandler(prefix, handler, faults, traffic));
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT} (the configured host). */
    public String baseUrl() {
        return "http://" + config.host + ":" + port();
    }

    public String kantataBaseUrl() {
        return baseUrl() + "/kantata/api/v1";
    }

    public String worksectionBaseUrl() {
        return baseUrl() + "/worksection/api/admin/v2/";
    }

    public String onehubBaseUrl() {
        return baseUrl() + "/onehub";
    }

    public String controlUrl() {
        return baseUrl() + "/_sandbox/";
    }

    public Set<Api> apis() {
        return EnumSet.copyOf(config.apis);
    }

    /** The vendors' clock: the clock given to the builder plus {@link #clockOffset()}. */
    public SandboxClock clock() {
        return clock;
    }

    /** How far the vendors' clock runs ahead of the clock given to the builder (negative: behind). */
    public Duration clockOffset() {
        return clock.offset();
    }

    /** Sets the vendors' clock apart from the builder's: every API stamps, filters and answers {@code Date} by it. */
    public void clockOffset(Duration offset) {
        clock.offset(offset);
    }

    /** Requests and records served by one API. */
    public Traffic traffic(Api api) {
        return switch (api) {
            case KANTATA -> kantata().traffic();
            case WORKSECTION -> worksection().traffic();
            case ONEHUB -> onehub().traffic();
        };
    }

    public long seed() {
        return config.seed;
    }

    public World world() {
        return world;
    }

    public Faults faults() {
        return faults;
    }

    public ActivityGenerator generator() {
        return generator;
    }

    public GroundTruth truth() {
        return truth;
    }

    public KantataSimulator kantata() {
        return running(kantata, Api.KANTATA);
    }

    public WorksectionSimulator worksection() {
        return running(worksection, Api.WORKSECTION);
    }

    public OnehubSimulator onehub() {
        return running(onehub, Api.ONEHUB);
    }

    private static <T> T running(T simulator, Api api) {
        if (simulator == null) {
            throw new IllegalStateException(api.id() + " is not running in this sandbox");
        }
        return simulator;
    }

    @Override
    public void close() {
        generator.close();
        server.close();
        // Interrupts handlers parked in delay faults.
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Everything has a default: system UTC clock, seed 42, loopback port 0, all three APIs, 8 people. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration clockOffset = Duration.ZERO;
        private long seed = 42;
        private String host = "127.0.0.1";
        private int port = 0;
        private int threads = 16;
        private int people = 8;
        private List<ZoneId> onehubZones = World.DEFAULT_ZONES;
        private Set<Api> apis = EnumSet.allOf(Api.class);
        private final KantataSettings kantataSettings = new KantataSettings();
        private final WorksectionSettings worksectionSettings = new WorksectionSettings();
        private double generatorRate;
        private final Map<Integer, String> names = new java.util.TreeMap<>();

        private Builder() {
        }

        /** The sandbox's "now": pass the tests' SettableClock so sandbox and code under test agree. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Starts the vendors' clock this far ahead of {@link #clock(Clock)} (negative: behind). */
        public Builder clockOffset(Duration offset) {
            this.clockOffset = offset;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = Math.max(2, threads);
            return this;
        }

        /** How many people the world has (2 to 12). */
        public Builder people(int people) {
            this.people = people;
            return this;
        }

        /** Calls person {@code index} (0 to people - 1) {@code name} in every API, e.g. markup to try escaping. */
        public Builder personName(int index, String name) {
            if (index < 0 || index >= 12) {
                throw new IllegalArgumentException("person index must be between 0 and 11");
            }
            names.put(index, name);
            return this;
        }

        /** Onehub time zones, handed to people in turn. */
        public Builder onehubZones(List<ZoneId> zones) {
            this.onehubZones = List.copyOf(zones);
            return this;
        }

        /** Which APIs run; any one can run alone. */
        public Builder apis(Api... apis) {
            this.apis = apis.length == 0 ? EnumSet.noneOf(Api.class) : EnumSet.of(apis[0], apis);
            return this;
        }

        public Builder apis(Set<Api> apis) {
            this.apis = apis.isEmpty() ? EnumSet.noneOf(Api.class) : EnumSet.copyOf(apis);
            return this;
        }

        public Builder kantata(Consumer<KantataSettings> settings) {
            settings.accept(kantataSettings);
            return this;
        }

        public Builder worksection(Consumer<WorksectionSettings> settings) {
            settings.accept(worksectionSettings);
            return this;
        }

        /** Start the real-time generator at this many events per second (0: do not start). */
        public Builder generatorRate(double eventsPerSecond) {
            this.generatorRate = eventsPerSecond;
            return this;
        }

        public Sandbox start() {
            try {
                Sandbox sandbox = new Sandbox(this);
                if (generatorRate > 0) {
                    sandbox.generator().start(generatorRate);
                }
                return sandbox;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the sandbox on " + host + ":" + port, e);
            }
        }
    }
}
