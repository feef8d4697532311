package io.activitygateway.gateway.feed;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.store.EventEntity;
import io.activitygateway.gateway.store.EventFilter;
import io.activitygateway.gateway.store.EventsCommitted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one reader of new events per gateway instance. It reads by seq from where it stopped, keeps the latest events
 * in a bounded {@link FeedWindow} and tells the {@link FeedHub}, which fans them out. It is woken after every commit
 * on this instance and, on PostgreSQL, by NOTIFY from other instances; a slow poll is the safety net. Subscribers
 * never query the store while they keep up.
 */
@ApplicationScoped
public class FeedReader {

    private static final Logger LOG = Logger.getLogger(FeedReader.class);

    @Inject
    FeedHistory history;
    @Inject
    FeedCodec codec;
    @Inject
    FeedHub hub;
    @Inject
    GatewayConfig config;

    private final Semaphore signal = new Semaphore(0);
    private volatile FeedWindow window;
    private final DaemonThread thread = new DaemonThread();

    /** Loads the latest events (so resumes right after a restart need no replay) and starts reading. */
    void start() {
        try {
            loaded(load());
        } catch (RuntimeException e) {
            LOG.warnf(e, "feed: could not load the latest events at start-up; the reader retries");
        }
        thread.start("feed-reader", this::run);
    }

    void stop() {
        thread.stop();
    }

    /** The current window; null until the first load succeeded. */
    FeedWindow window() {
        return window;
    }

    /** Asks for a read soon; cheap, and many calls before the read make one read. */
    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /**
     * A commit on this instance hands its rows over: when they follow the window's head exactly, they are appended
     * as they are, without a read of the store; otherwise (another commit came between) the reader reads.
     */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsCommitted committed) {
        if (!handOver(committed)) {
            wake();
        }
    }

    private synchronized boolean handOver(EventsCommitted committed) {
        FeedWindow current = window;
        if (current == null || committed.previousHead() != current.head || committed.rows().isEmpty()) {
            return false;
        }
        List<EventEntity> rows = new ArrayList<>(committed.rows().size());
        for (EventEntity row : committed.rows()) {
            rows.add(row.withoutRaw());
        }
        window = current.append(toFeedEvents(rows), capacity());
        hub.publish();
        return true;
    }

    /** Appends what a read found, leaving out what a hand-over appended meanwhile. */
    private synchronized void appendRead(List<EventEntity> rows) {
        FeedWindow current = window;
        List<EventEntity> newer = new ArrayList<>(rows.size());
        for (EventEntity row : rows) {
            if (row.seq > current.head) {
                newer.add(row);
            }
        }
        if (!newer.isEmpty()) {
            window = current.append(toFeedEvents(newer), capacity());
            hub.publish();
        }
    }

    private synchronized void loaded(FeedWindow loaded) {
        if (window == null) {
            window = loaded;
        }
    }

    private void run() {
        long pollMillis = Math.max(10, config.feed().pollInterval().toMillis());
        int batch = Math.max(1, config.feed().readBatch());
        while (thread.running()) {
            try {
                // Permits taken before the read: a commit during it leaves one, and the next wait returns at once.
                signal.drainPermits();
                if (window == null) {
                    loaded(load());
                    hub.publish();
                }
                if (readOnce(batch) < batch) {
                    signal.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "feed: reading new events failed; retrying");
                try {
                    Thread.sleep(Math.min(pollMillis, 1000));
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private FeedWindow load() {
        long head = history.head();
        List<EventEntity> latest = history.latest(head, capacity());
        return FeedWindow.of(toFeedEvents(latest), capacity(), head);
    }

    private int readOnce(int batch) {
        FeedWindow current = window;
        List<EventEntity> rows = history.after(EventFilter.ALL, current.head, Long.MAX_VALUE, batch);
        appendRead(rows);
        return rows.size();
    }

    private List<FeedEvent> toFeedEvents(List<EventEntity> rows) {
        List<FeedEvent> events = new ArrayList<>(rows.size());
        for (EventEntity row : rows) {
            events.add(new FeedEvent(row, codec));
        }
        return events;
    }

    private int capacity() {
        return Math.max(1, config.feed().windowSize());
    }
}
