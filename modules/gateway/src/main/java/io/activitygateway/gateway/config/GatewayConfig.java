package io.activitygateway.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything under {@code gateway.*}. The database is configured with the standard {@code quarkus.datasource.*}
 * keys; see {@code application.properties} for the defaults.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Where the embedded H2 database lives when no other database is configured. */
    @WithDefault("./data")
    Path dataDir();

    /** The connections to poll, by name (the name appears in events as {@code connection}). */
    Map<String, SourceConfig> sources();

    /** Where the stored events are pushed, by sink name (docs/sinks.md). */
    Map<String, SinkConfig> sinks();

    Polling polling();

    Http http();

    Api api();

    Feed feed();

    Auth auth();

    Demo demo();

    /** Leases in the database: which instance polls each connection (docs/operations.md, "Scale out"). */
    LeaseSettings leases();

    /** Connections managed through the API ({@code PUT /api/v1/sources/<name>}), kept in the database. */
    ManagedConnectionSettings connections();

    /** Deleting old events (docs/operations.md, "Retention"). */
    Retention retention();

    /** The key that encrypts the secrets of connections managed through the API. */
    SecretsKey secrets();

    /**
     * One connection: {@code gateway.sources.<name>.*}. Keys a kind adds (e.g. {@code event-types}) are read by
     * that kind; a key neither common nor the kind's fails start-up, so typos do not go unnoticed.
     */
    interface SourceConfig {

        /** The source kind, e.g. {@code kantata}, {@code worksection}, {@code onehub}. */
        Optional<String> kind();

        /** The API's base URL; defaults to the kind's public endpoint where it has one. */
        Optional<String> baseUrl();

        /** A disabled connection is configured and shown, but never polled. */
        @WithDefault("true")
        boolean enabled();

        /** Time between the end of one successful poll and the start of the next. */
        @WithDefault("30s")
        Duration pollInterval();

        /** How far each poll re-reads before its checkpoint to catch late events (the kind's default if unset). */
        Optional<Duration> lookback();

        /** How far back the very first poll reaches (the kind's default if unset). */
        Optional<Duration> initialWindow();

        /** A bearer token; better given as {@code ${ENV_VAR}} or via {@code token-file}. Never printed. */
        Optional<String> token();

        /** A file holding the token (e.g. a mounted Kubernetes secret); surrounding whitespace is ignored. */
        Optional<Path> tokenFile();

        /** An API key (Worksection's admin key); or {@code api-key-file}. Never printed. */
        Optional<String> apiKey();

        /** A file holding the API key. */
        Optional<Path> apiKeyFile();

        /** The IANA time zone the source writes local times in, where the kind needs one. */
        Optional<String> timezone();

        /**
         * Every key below the connection as written, the common ones included: the kind-specific settings are read
         * from here, and a key that belongs to neither is reported.
         */
        @WithParentName
        Map<String, String> keys();
    }

    /**
     * One sink: {@code gateway.sinks.<name>.*}. Besides these, the keys its kind adds (e.g. {@code topic} or
     * {@code url}); a key neither common nor the kind's fails start-up.
     */
    interface SinkConfig {

        /** The sink kind, e.g. {@code kafka} or {@code webhook}. */
        Optional<String> kind();

        /** A disabled sink is configured and shown, but delivers nothing. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Where a new sink starts: {@code now} (events stored from now on), {@code earliest} (every stored event),
         * or a seq (the events from that seq on). Only read while the sink has no stored position yet.
         */
        @WithDefault("now")
        String start();

        /** Failed attempts at one message before it is parked (the kind's default if unset; 0 retries for ever). */
        Optional<Integer> maxAttempts();

        /** The wait after a first failed attempt; doubles per failure, with jitter; a longer Retry-After wins. */
        @WithDefault("1s")
        Duration retryInitial();

        /** The longest wait between attempts. */
        @WithDefault("5m")
        Duration retryMax();

        /** How often an idle sink looks for events committed by other instances (this one's wake it at once). */
        @WithDefault("1s")
        Duration pollInterval();

        /** The feed's filters, each "any of" (comma-separated); unset matches everything. */
        Optional<List<String>> source();

        Optional<List<String>> connection();

        Optional<List<String>> type();

        Optional<List<String>> sourceType();

        Optional<List<String>> objectType();

        Optional<List<String>> objectId();

        Optional<List<String>> actorId();

        Optional<List<String>> containerId();

        /** Every key below the sink as written; the kind's settings are read from here. */
        @WithParentName
        Map<String, String> keys();
    }

    interface Polling {

        /** Threads that run polls; connections beyond this number wait their turn. */
        @WithDefault("4")
        int threads();

        /** The first wait after a failed poll; doubles per consecutive failure, with jitter. */
        @WithDefault("10s")
        Duration backoffInitial();

        /** The longest wait after failed polls. */
        @WithDefault("15m")
        Duration backoffMax();

        /** Consecutive failures after which a connection is shown as {@code failing} instead of {@code backing_off}. */
        @WithDefault("3")
        int failingAfter();

        /**
         * {@code POST …/poll} requests that arrive while a poll runs share one poll right after it, and those within this
         * long after a poll started share one poll at the end of it, so asking often never multiplies upstream traffic.
         */
        @WithDefault("5s")
        Duration pollNowMinInterval();

        /** Whether to start polling at start-up; off in tests that drive polls by hand. */
        @WithDefault("true")
        boolean autoStart();
    }

    interface Http {

        @WithDefault("5s")
        Duration connectTimeout();

        /** The longest a single request may take, from sending to the last byte of the body. */
        @WithDefault("30s")
        Duration requestTimeout();

        /** Retries of one request after a 429, a 5xx, a timeout or an I/O error. */
        @WithDefault("3")
        int maxRetries();

        /** The first retry delay; it doubles per retry, with jitter, and a longer Retry-After wins. */
        @WithDefault("500ms")
        Duration retryInitialDelay();

        /**
         * The longest one retry waits. A source asking for longer (Retry-After) ends the poll instead, which backs
         * off and resumes from its checkpoint, so no thread sleeps for minutes.
         */
        @WithDefault("20s")
        Duration retryMaxDelay();

        CircuitBreaker circuitBreaker();

        interface CircuitBreaker {
            /** Requests in the rolling window the breaker judges. */
            @WithDefault("10")
            int requestVolume();

            /** Share of failed requests in the window that opens the breaker. */
            @WithDefault("0.75")
            double failureRatio();

            /** How long an open breaker refuses requests before letting one through. */
            @WithDefault("30s")
            Duration delay();
        }
    }

    interface Api {
        /** Largest {@code limit} a list request may ask for. */
        @WithName("max-limit")
        @WithDefault("1000")
        int maxLimit();

        /** {@code limit} when the request gives none. */
        @WithDefault("100")
        int defaultLimit();

        /** Longest request target (path and query) answered; longer ones get a 414 problem. */
        @WithDefault("8192")
        int maxUriLength();

        /** Most bytes of request headers answered; more get a 431 problem. */
        @WithDefault("16384")
        int maxHeaderSize();
    }

    /** The change feed, {@code GET /api/v1/events/stream} (docs/feed.md). */
    interface Feed {

        /** Time between heartbeat comments on an idle stream; they keep proxies open and surface dead peers. */
        @WithDefault("15s")
        Duration heartbeat();

        /** The reconnection delay advised to clients with the {@code retry:} field. */
        @WithDefault("3s")
        Duration retry();

        /**
         * Recent events kept in memory and shared by all subscribers. A subscriber further behind than this
         * reads from the database at its own pace until it is back inside the window.
         */
        @WithDefault("10000")
        int windowSize();

        /** Events per database read, for the shared reader and for a subscriber catching up. */
        @WithDefault("500")
        int readBatch();

        /**
         * How often the shared reader looks for new events when nothing woke it. Commits on this instance and,
         * on PostgreSQL, NOTIFY from other instances wake it at once; this poll is only the safety net.
         */
        @WithDefault("5s")
        Duration pollInterval();

        /** Subscribers that may read from the database at the same time to catch up; others wait their turn. */
        @WithDefault("2")
        int catchUpThreads();

        /**
         * A subscriber that has not taken any data for this long while data waits for it (its connection is full)
         * is disconnected; it can resume with Last-Event-ID. Releases dead peers whose TCP never reports it.
         */
        @WithDefault("2m")
        Duration stallTimeout();
    }

    /** Access control of the API, the stream and the API documents (docs/operations.md, "Security model"). */
    interface Auth {

        /**
         * {@code keys}: every call needs an API key. {@code open}: no access control at all, for demos and trials
         * on one's own machine; the gateway says so loudly at start-up.
         */
        @WithDefault("keys")
        AccessMode mode();

        /**
         * The first admin key of a new deployment (at least 32 characters); better {@code bootstrap-key-file}. Only
         * its hash is stored. Replacing it revokes the key it replaces; a revoked bootstrap key stays revoked.
         */
        Optional<String> bootstrapKey();

        /** A file holding the bootstrap key (a mounted secret); surrounding whitespace is ignored. */
        Optional<Path> bootstrapKeyFile();

        /** How long a stream token ({@code POST /api/v1/stream-tokens}) opens streams. */
        @WithDefault("5m")
        Duration streamTokenTtl();

        /**
         * How long a key, once checked, is trusted without asking the database again. A key revoked on another
         * instance stops working here within this time (on this instance at once).
         */
        @WithDefault("30s")
        Duration recheckInterval();

        enum AccessMode {
            KEYS,
            OPEN
        }
    }

    /**
     * The demo (modules/demo, README "Run it"): the sandbox in this process and three connections to it. Read by the
     * demo before this mapping exists; declared here so the keys are documented and known.
     */
    interface Demo {

        /** Starts the demo; configured connections next to it stop the start-up. */
        @WithDefault("false")
        boolean enabled();

        /** The sandbox's seed: its people, objects and activity. */
        @WithDefault("42")
        long seed();

        /** Generated events per second, in real time (0: none). */
        @WithDefault("5")
        double rate();

        /** Events generated at start over the last 24 hours, so the history and the chart are not empty. */
        @WithDefault("2000")
        int backfill();

        /** People renamed by index (0 to 7), e.g. markup to try a client's escaping. */
        Map<Integer, String> personName();
    }

    /**
     * Work that must run on one instance at a time (a connection's polls) runs under a lease in the database. An
     * instance that dies is replaced within {@code ttl + renew-every} (at most 1.5 x ttl).
     */
    interface LeaseSettings {

        /** How long a lease lasts unless its holder renews it; another instance takes it over after that. */
        @WithDefault("30s")
        Duration ttl();

        /** How often an instance renews its leases and tries for free ones; at most half the ttl. */
        @WithDefault("10s")
        Duration renewEvery();

        /** This instance's name in the lease table and the status API; by default {@code <hostname>-<pid>}. */
        Optional<String> instanceId();
    }

    interface ManagedConnectionSettings {

        /**
         * How often each instance reads the connections managed through the API again, so that a change made on
         * another instance takes effect here too (on the instance that made it, it does at once).
         */
        @WithDefault("5s")
        Duration reloadEvery();
    }

    /**
     * An AES key (16, 24 or 32 bytes, base64), inline or as a file. Without it, connections managed through the API
     * cannot hold secrets: the API refuses to store a token or API key unencrypted.
     */
    interface SecretsKey {

        /** The key in base64, e.g. from {@code openssl rand -base64 32}; better given as {@code key-file}. */
        Optional<String> key();

        /** A file holding the key in base64 (a mounted secret); surrounding whitespace is ignored. */
        Optional<Path> keyFile();
    }

    interface Retention {

        /**
         * Events stored longer ago than this are deleted (by when they were stored, oldest seqs first); unset keeps
         * every event. A feed client resuming from a deleted position gets 410 history-gone.
         */
        Optional<Duration> maxAge();

        /** How often the purge runs (on one instance at a time, under the {@code retention} lease). */
        @WithDefault("5m")
        Duration every();

        /** Events deleted per transaction, so a purge never holds locks for long. */
        @WithDefault("1000")
        int batchSize();
    }
}
