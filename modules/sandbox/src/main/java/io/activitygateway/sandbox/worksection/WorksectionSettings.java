package io.activitygateway.sandbox.worksection;

import java.time.ZoneId;

/** The Worksection account as simulated: API key, account time zone, response cap, identical-record rate. */
public final class WorksectionSettings {

    public static final String DEFAULT_API_KEY = "worksection-api-key";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Kyiv");

    private volatile String apiKey = DEFAULT_API_KEY;
    private volatile ZoneId zone = DEFAULT_ZONE;
    private volatile int maxRecords = 10_000;
    private volatile boolean identicalRecords = true;
    private volatile double identicalRate = 0.03;

    /** The account's admin API key; request hashes are MD5(query + key). */
    public WorksectionSettings apiKey(String apiKey) {
        this.apiKey = apiKey;
        return this;
    }

    /** The account's time zone, in which {@code date_added} is written (DST included). */
    public WorksectionSettings zone(ZoneId zone) {
        this.zone = zone;
        return this;
    }

    /** At most this many records per response; the newest beyond it are cut off. */
    public WorksectionSettings maxRecords(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be >= 1");
        }
        this.maxRecords = maxRecords;
        return this;
    }

    /** Whether the generator sometimes emits the same update twice within one minute, and how often (0..1). */
    public WorksectionSettings identicalRecords(boolean on, double rate) {
        this.identicalRecords = on;
        this.identicalRate = rate;
        return this;
    }

    public WorksectionSettings identicalRecords(boolean on) {
        return identicalRecords(on, identicalRate);
    }

    public String apiKey() {
        return apiKey;
    }

    public ZoneId zone() {
        return zone;
    }

    public int maxRecords() {
        return maxRecords;
    }

    public boolean identicalRecords() {
        return identicalRecords;
    }

    public double identicalRate() {
        return identicalRate;
    }
}
