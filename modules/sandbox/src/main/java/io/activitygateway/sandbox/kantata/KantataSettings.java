package io.activitygateway.sandbox.kantata;

import java.time.Duration;
import java.time.Instant;

/**
 * The documented Kantata behaviours, each switchable at any time (tests and {@code /_sandbox/settings}).
 * All are on by default because a real account shows all of them.
 */
public final class KantataSettings {

    public static final String DEFAULT_TOKEN = "kantata-admin-token";
    public static final String DEFAULT_MEMBER_TOKEN = "kantata-member-token";

    private volatile String token = DEFAULT_TOKEN;
    private volatile String memberToken = DEFAULT_MEMBER_TOKEN;
    private volatile long accountId = 3517;
    private volatile boolean duplicates = true;
    private volatile double duplicateRate = 0.03;
    private volatile boolean lateness = true;
    private volatile Duration maxLateness = Duration.ofMinutes(10);
    private volatile Duration retention = Duration.ofDays(9);
    private volatile int rateLimit = 300;
    private volatile Duration rateWindow = Duration.ofMinutes(1);
    private volatile Instant stalledSince;

    /** The administrator's bearer token: the only one that may read subscribed events. */
    public KantataSettings token(String token) {
        this.token = token;
        return this;
    }

    /** A valid token of a non-administrator, answered 403 as Kantata does. */
    public KantataSettings memberToken(String memberToken) {
        this.memberToken = memberToken;
        return this;
    }

    public KantataSettings accountId(long accountId) {
        this.accountId = accountId;
        return this;
    }

    /** Whether the generator emits some changes twice, and how often (0..1). */
    public KantataSettings duplicates(boolean on, double rate) {
        this.duplicates = on;
        this.duplicateRate = rate;
        return this;
    }

    public KantataSettings duplicates(boolean on) {
        return duplicates(on, duplicateRate);
    }

    /** Whether generated events become visible up to {@code max} after their {@code created_at}. */
    public KantataSettings lateness(boolean on, Duration max) {
        this.lateness = on;
        this.maxLateness = max;
        return this;
    }

    public KantataSettings lateness(boolean on) {
        return lateness(on, maxLateness);
    }

    /** Events whose {@code created_at} is older than this disappear (Kantata: 7 to 9 days). */
    public KantataSettings retention(Duration retention) {
        this.retention = retention;
        return this;
    }

    /** At most {@code requests} per token per fixed window of the sandbox clock; 0 turns it off. */
    public KantataSettings rateLimit(int requests, Duration window) {
        this.rateLimit = requests;
        this.rateWindow = window;
        return this;
    }

    /**
     * Stops the event pipeline at {@code since} (Kantata: events "may take some time to appear"): nothing that would
     * become visible after it is served until {@link #flush()}, which releases everything held back with its
     * original {@code created_at}. Retention keeps counting meanwhile.
     */
    public KantataSettings stall(Instant since) {
        this.stalledSince = since;
        return this;
    }

    /** Ends a stall: every event held back becomes visible at once. */
    public KantataSettings flush() {
        this.stalledSince = null;
        return this;
    }

    /** Since when the pipeline is stalled, or null. */
    public Instant stalledSince() {
        return stalledSince;
    }

    public String token() {
        return token;
    }

    public String memberToken() {
        return memberToken;
    }

    public long accountId() {
        return accountId;
    }

    public boolean duplicates() {
        return duplicates;
    }

    public double duplicateRate() {
        return duplicateRate;
    }

    public boolean lateness() {
        return lateness;
    }

    public Duration maxLateness() {
        return maxLateness;
    }

    public Duration retention() {
        return retention;
    }

    public int rateLimit() {
        return rateLimit;
    }

    public Duration rateWindow() {
        return rateWindow;
    }
}
