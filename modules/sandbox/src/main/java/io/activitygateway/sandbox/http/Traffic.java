package io.activitygateway.sandbox.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one simulated API has served: requests (faulted ones included) and records (events in successful
 * answers, every copy counted). Upstream economy is measured with it: records served per stored event, requests
 * per poll.
 */
public final class Traffic {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final List<Run> runs = new ArrayList<>();
    private int inFlight;
    private int maxClientsInFlight;
    private final java.util.Map<String, Integer> inFlightByClient = new java.util.HashMap<>();

    /**
     * Requests in a row from one client (its User-Agent, which names a gateway instance): who polled this API when.
     * Several gateway instances that take turns under a lease show as one run per turn; two polling at once show as
     * runs that alternate, and as overlapping requests.
     */
    public record Run(String client, java.time.Instant first, java.time.Instant last, long requests) {
    }

    void request() {
        requests.incrementAndGet();
    }

    /** A request from {@code client} starts; {@link #ended} follows when its answer is sent. */
    synchronized void started(String client) {
        java.time.Instant now = java.time.Instant.now();
        Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (last != null && last.client().equals(client)) {
            runs.set(runs.size() - 1, new Run(client, last.first(), now, last.requests() + 1));
        } else {
            runs.add(new Run(client, now, now, 1));
        }
        inFlight++;
        inFlightByClient.merge(client, 1, Integer::sum);
        maxClientsInFlight = Math.max(maxClientsInFlight, inFlightByClient.size());
    }

    synchronized void ended(String client) {
        inFlight--;
        inFlightByClient.computeIfPresent(client, (c, n) -> n == 1 ? null : n - 1);
    }

    /** Every run of requests from one client so far, in order. */
    public synchronized List<Run> runs() {
        return List.copyOf(runs);
    }

    /** The most distinct clients that ever had a request open here at the same moment (1: never two at once). */
    public synchronized int maxClientsInFlight() {
        return maxClientsInFlight;
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
