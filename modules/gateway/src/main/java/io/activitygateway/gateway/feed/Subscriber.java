package io.activitygateway.gateway.feed;

import io.activitygateway.gateway.api.EventFormat;
import io.activitygateway.gateway.store.EventFilter;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One open stream. Everything here runs on the connection's event loop, so it needs no locks. The subscriber keeps
 * one position, {@code cursor}: every event with a seq up to it has been written to the client if it matched.
 * While it is in step with its {@link Cohort} (same filter and format, same position, a connection that takes data)
 * the cohort writes for it and the cohort's cursor is its position. Otherwise it moves at its own pace: from the
 * shared window while the cursor is inside it, and from the store, page by page and only as fast as the client
 * takes the data, when it is not; the same cursor makes every hand-over (store, window, cohort) exact.
 */
final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class);
    /** Window events looked at per step, so one subscriber never holds its event loop for long. */
    private static final int LIVE_STEP = 64;

    private final FeedHub hub;
    private final FeedLoop loop;
    final Context context;
    private final HttpServerResponse response;
    final EventFilter filter;
    final EventFormat format;
    final Cohort cohort;
    /** The index among the cohort's members while in step with it, -1 otherwise. */
    int liveIndex = -1;
    /** Frames taken from the window or the store but not yet handed to the connection; at most one step's worth. */
    private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
    long cursor;
    private boolean readingStore;
    private boolean closed;
    /** When the connection last became full with data waiting (the hub's clock, ms), 0 while it takes data. */
    private long fullSince;

    Subscriber(FeedHub hub, FeedLoop loop, Context context, HttpServerResponse response, EventFilter filter,
            EventFormat format, long after) {
        this.hub = hub;
        this.loop = loop;
        this.context = context;
        this.response = response;
        this.filter = filter;
        this.format = format;
        this.cursor = after;
        this.cohort = loop.add(this);
    }

    /** Starts the stream: the opening frame, then whatever the position calls for. On the event loop. */
    void open(Buffer opening) {
        response.closeHandler(v -> close());
        response.exceptionHandler(e -> close());
        response.drainHandler(v -> {
            fullSince = 0;
            pump(hub.window());
        });
        if (response.closed()) {
            close();
            return;
        }
        response.write(opening);
        pump(hub.window());
    }

    /**
     * At its own pace: writes what the position allows, up to {@code window}'s head, until the connection is full
     * or the subscriber is up to date, when it joins its cohort if it can.
     */
    void pump(FeedWindow window) {
        if (closed || readingStore || liveIndex >= 0) {
            return;
        }
        while (true) {
            flush();
            if (!pending.isEmpty() || response.writeQueueFull()) {
                markFull();
                return;
            }
            if (window == null) {
                return;
            }
            if (cursor >= window.head) {
                loop.caughtUp(this);
                return;
            }
            if (cursor < window.floor) {
                readStore(window.head);
                return;
            }
            int from = window.indexAfter(cursor);
            int end = Math.min(window.size(), from + LIVE_STEP);
            for (int i = from; i < end; i++) {
                FeedEvent event = window.get(i);
                if (filter.matches(event.row)) {
                    pending.add(event.frame(format, hub.codec));
                }
                cursor = event.seq;
            }
            if (end == window.size()) {
                // The window holds every event up to its head: all of them have now been considered.
                cursor = window.head;
            }
            hub.stats.notePending(pending.size());
        }
    }

    /**
     * In step: the cohort's shared frames, while the connection takes them. Returns how many were written (-1 if
     * the stream is gone); fewer than all, or {@link #full()} after, means the connection is full.
     */
    int write(List<Buffer> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (closed) {
                return -1;
            }
            response.write(frames.get(i));
            if (response.writeQueueFull()) {
                return closed ? -1 : i + 1;
            }
        }
        return closed ? -1 : frames.size();
    }

    /** Whether the connection holds as much as it should before the client takes some. */
    boolean full() {
        return response.writeQueueFull();
    }

    /** Left the cohort (its cursor is the cohort's): because its connection is full, or the window moved on. */
    void detached(boolean full) {
        loop.detached(this);
        if (full) {
            markFull();
        }
    }

    private void markFull() {
        if (fullSince == 0) {
            fullSince = Math.max(1, hub.clock.millis());
            hub.stats.countBackPressure();
        }
    }

    /** Hands pending frames to the connection, joined into moderate writes, while it takes them. */
    private void flush() {
        int before = pending.size();
        while (!pending.isEmpty() && !response.writeQueueFull()) {
            Buffer first = pending.poll();
            if (pending.isEmpty() || first.length() >= Cohort.WRITE_BYTES) {
                response.write(first);
                continue;
            }
            Buffer joined = Buffer.buffer(Cohort.WRITE_BYTES + 1024).appendBuffer(first);
            while (!pending.isEmpty() && joined.length() + pending.peek().length() <= Cohort.WRITE_BYTES) {
                joined.appendBuffer(pending.poll());
            }
            response.write(joined);
        }
        if (before > pending.size()) {
            hub.stats.countDelivered(before - pending.size());
        }
    }

    /**
     * Reads the next page after the cursor from the store, bounded by a head the reader has seen: everything up to
     * that head is already visible, so when the page is not full the cursor can move to the head itself.
     */
    private void readStore(long upTo) {
        readingStore = true;
        long after = cursor;
        hub.stats.countStoreRead();
        hub.history(context, after, upTo, filter, format).onComplete(result -> {
            readingStore = false;
            if (closed) {
                return;
            }
            if (result.failed()) {
                LOG.warnf(result.cause(), "feed: a subscriber could not read events after %d; closing its stream",
                        after);
                end();
                return;
            }
            FeedHub.Page page = result.result();
            if (page.gone() != null) {
                response.write(page.gone());
                end();
                return;
            }
            pending.addAll(page.frames());
            hub.stats.notePending(pending.size());
            cursor = page.through();
            pump(hub.window());
        });
    }

    /**
     * Called on every heartbeat tick (now on the hub's clock, ms): a comment line, or the end for a connection
     * that has taken nothing for {@code stallMillis} while data waited for it.
     */
    void heartbeat(long now, long stallMillis) {
        if (closed) {
            return;
        }
        if (fullSince != 0 && now - fullSince > stallMillis) {
            LOG.debugf("feed: closing a stream that took no data for %d s", (now - fullSince) / 1000);
            hub.stats.countStall();
            close();
            response.reset();
            return;
        }
        if (!response.writeQueueFull()) {
            response.write(FeedCodec.HEARTBEAT);
            if (liveIndex >= 0 && response.writeQueueFull()) {
                cohort.leave(this);
                detached(true);
            }
        }
    }

    /** Ends the response (server side); the client may reconnect with its Last-Event-ID. */
    void end() {
        if (!closed) {
            close();
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }
    }

    private void close() {
        if (!closed) {
            closed = true;
            pending.clear();
            loop.remove(this);
        }
    }
}
