package io.activitygateway.sandbox.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one simulated API has served: requests (faulted ones included) and records (events in successful
 * answers, every copy counted). Upstream economy is measured with it: records served per stored event, requests
 * per poll.
 */
public final class Traffic {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong records = new AtomicLong();

    void request() {
        requests.incrementAndGet();
    }

    /** Called by an API for the records of one answer it sends. */
    public void served(int count) {
        records.addAndGet(count);
    }

    public long requests() {
        return requests.get();
    }

    public long records() {
        return records.get();
    }

    /** The counts as they are now, to subtract later ones from. */
    public Snapshot snapshot() {
        return new Snapshot(requests(), records());
    }

    public record Snapshot(long requests, long records) {
        /** What was served since {@code earlier}. */
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(requests - earlier.requests, records - earlier.records);
        }
    }
}
