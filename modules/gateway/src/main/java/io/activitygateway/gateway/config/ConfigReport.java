package io.activitygateway.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every problem of the gateway's configuration in one list, each naming its key: the wrong types
 * ({@link ConfigTypeCheck}), the gateway-wide values out of range, and every problem of every connection. The
 * start-up check ({@code StartupCheck}) refuses to start on a non-empty list, before the database is touched.
 */
public final class ConfigReport {

    private ConfigReport() {
    }

    /** The gateway-wide values ({@code gateway.*} outside the connections) that are out of range. */
    public static List<String> gatewayProblems(GatewayConfig config) {
        List<String> problems = new ArrayList<>();
        GatewayConfig.Polling polling = config.polling();
        atLeast(problems, "gateway.polling.threads", polling.threads(), 1);
        atLeast(problems, "gateway.polling.failing-after", polling.failingAfter(), 1);
        positive(problems, "gateway.polling.backoff-initial", polling.backoffInitial());
        positive(problems, "gateway.polling.backoff-max", polling.backoffMax());
        notBelow(problems, "gateway.polling.backoff-max", polling.backoffMax(), "gateway.polling.backoff-initial",
                polling.backoffInitial());
        notNegative(problems, "gateway.polling.poll-now-min-interval", polling.pollNowMinInterval());
        GatewayConfig.Http http = config.http();
        positive(problems, "gateway.http.connect-timeout", http.connectTimeout());
        positive(problems, "gateway.http.request-timeout", http.requestTimeout());
        atLeast(problems, "gateway.http.max-retries", http.maxRetries(), 0);
        positive(problems, "gateway.http.retry-initial-delay", http.retryInitialDelay());
        positive(problems, "gateway.http.retry-max-delay", http.retryMaxDelay());
        notBelow(problems, "gateway.http.retry-max-delay", http.retryMaxDelay(), "gateway.http.retry-initial-delay",
                http.retryInitialDelay());
        atLeast(problems, "gateway.http.circuit-breaker.request-volume", http.circuitBreaker().requestVolume(), 1);
        double ratio = http.circuitBreaker().failureRatio();
        if (!(ratio > 0 && ratio <= 1)) {
            problems.add("gateway.http.circuit-breaker.failure-ratio: must be above 0 and at most 1, was " + ratio);
        }
        positive(problems, "gateway.http.circuit-breaker.delay", http.circuitBreaker().delay());
        GatewayConfig.Api api = config.api();
        atLeast(problems, "gateway.api.max-limit", api.maxLimit(), 1);
        atLeast(problems, "gateway.api.default-limit", api.defaultLimit(), 1);
        if (api.maxLimit() >= 1 && api.defaultLimit() > api.maxLimit()) {
            problems.add("gateway.api.default-limit: must not be above gateway.api.max-limit (" + api.maxLimit()
                    + "), was " + api.defaultLimit());
        }
        atLeast(problems, "gateway.api.max-uri-length", api.maxUriLength(), 256);
        atLeast(problems, "gateway.api.max-header-size", api.maxHeaderSize(), 1024);
        GatewayConfig.Feed feed = config.feed();
        positive(problems, "gateway.feed.heartbeat", feed.heartbeat());
        positive(problems, "gateway.feed.retry", feed.retry());
        atLeast(problems, "gateway.feed.window-size", feed.windowSize(), 1);
        atLeast(problems, "gateway.feed.read-batch", feed.readBatch(), 1);
        positive(problems, "gateway.feed.poll-interval", feed.pollInterval());
        atLeast(problems, "gateway.feed.catch-up-threads", feed.catchUpThreads(), 1);
        positive(problems, "gateway.feed.stall-timeout", feed.stallTimeout());
        positive(problems, "gateway.auth.stream-token-ttl", config.auth().streamTokenTtl());
        notNegative(problems, "gateway.auth.recheck-interval", config.auth().recheckInterval());
        return problems;
    }

    /** The whole report: types first, then gateway-wide values, then the connections'. */
    public static List<String> all(GatewayConfig config, List<String> connectionProblems) {
        List<String> problems = new ArrayList<>(ConfigTypeCheck.problems());
        problems.addAll(gatewayProblems(config));
        problems.addAll(connectionProblems);
        return problems;
    }

    public static String format(List<String> problems) {
        return "Invalid configuration (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "):\n  - " + String.join("\n  - ", problems);
    }

    private static void atLeast(List<String> problems, String key, long value, long min) {
        if (value < min) {
            problems.add(key + ": must be at least " + min + ", was " + value);
        }
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + ": must be positive, was " + value);
        }
    }

    private static void notNegative(List<String> problems, String key, Duration value) {
        if (value.isNegative()) {
            problems.add(key + ": must not be negative, was " + value);
        }
    }

    private static void notBelow(List<String> problems, String key, Duration value, String otherKey,
            Duration other) {
        if (!value.isNegative() && !other.isNegative() && value.compareTo(other) < 0) {
            problems.add(key + ": must not be below " + otherKey + " (" + other + "), was " + value);
        }
    }
}
