package io.activitygateway.gateway.feed;

import java.util.List;

/**
 * An immutable snapshot of the recent events, in seq order. It holds every stored event with
 * {@code floor < seq <= head}: the shared reader reads all of them, in order, and drops only the oldest. A subscriber
 * whose position is at least {@code floor} continues from memory; one further behind reads from the store.
 */
final class FeedWindow {

    private final FeedEvent[] events;
    final long floor;
    final long head;

    FeedWindow(FeedEvent[] events, long floor, long head) {
        this.events = events;
        this.floor = floor;
        this.head = head;
    }

    /** A window that starts at {@code head}, holding the given latest events (seq order) below it. */
    static FeedWindow of(List<FeedEvent> latest, int capacity, long head) {
        FeedWindow empty = new FeedWindow(new FeedEvent[0], latest.isEmpty() ? head : latest.get(0).seq - 1, head);
        FeedWindow window = empty.append(latest, capacity);
        // Fewer than capacity stored: nothing older exists, so every position from 0 is served from memory.
        return latest.size() < capacity ? new FeedWindow(window.events, 0, head) : window;
    }

    /** This window with {@code fresh} (seq order, all above head) added and the oldest dropped beyond capacity. */
    FeedWindow append(List<FeedEvent> fresh, int capacity) {
        if (fresh.isEmpty()) {
            return this;
        }
        int total = events.length + fresh.size();
        int drop = Math.max(0, total - capacity);
        FeedEvent[] next = new FeedEvent[total - drop];
        for (int i = drop; i < total; i++) {
            next[i - drop] = i < events.length ? events[i] : fresh.get(i - events.length);
        }
        long newFloor = floor;
        if (drop > 0) {
            newFloor = drop <= events.length ? events[drop - 1].seq : fresh.get(drop - events.length - 1).seq;
        }
        return new FeedWindow(next, newFloor, Math.max(head, fresh.get(fresh.size() - 1).seq));
    }

    int size() {
        return events.length;
    }

    FeedEvent get(int index) {
        return events[index];
    }

    /** The index of the first event with a seq above {@code seq} ({@link #size()} if none). */
    int indexAfter(long seq) {
        int lo = 0;
        int hi = events.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events[mid].seq <= seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
