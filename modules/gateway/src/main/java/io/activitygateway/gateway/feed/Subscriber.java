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
 * one position, {@code cursor}: every event with a seq up to it has been written to the client if it matched. It
 * continues from the shared window while the cursor is inside it, and from the store, page by page and only as
 * fast as the client takes the data, when it is not; the same cursor makes the hand-over between the two exact.
 */
final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class);
    /** Window events looked at per step, so one subscriber never holds its event loop for long. */
    private static final int LIVE_STEP = 64;
    /** Frames are joined into writes of about this size: fewer syscalls, still small. */
    private static final int WRITE_BYTES = 32 * 1024;

    private final FeedHub hub;
    final Context context;
    private final HttpServerResponse response;
    private final EventFilter filter;
    private final EventFormat format;
    /** Frames taken from the window or the store but not yet handed to the connection; at most one step's worth. */
    private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
    private long cursor;
    private boolean readingStore;
    private boolean closed;
    /** When the connection last became full with data waiting (System.nanoTime), 0 while it takes data. */
    private long fullSince;

    Subscriber(FeedHub hub, Context context, HttpServerResponse response, EventFilter filter, EventFormat format,
            long after) {
        this.hub = hub;
        this.context = context;
        this.response = response;
        this.filter = filter;
        this.format = format;
        this.cursor = after;
    }

    /** Starts the stream: the opening frame, then whatever the position calls for. On the event loop. */
    void open(Buffer opening) {
        response.closeHandler(v -> close());
        response.exceptionHandler(e -> close());
        response.drainHandler(v -> {
            fullSince = 0;
            pump();
        });
        if (response.closed()) {
            close();
            return;
        }
        response.write(opening);
        pump();
    }

    /** Writes what the position allows until the connection is full or the subscriber is up to date. */
    void pump() {
        if (closed || readingStore) {
            return;
        }
        while (true) {
            flush();
            if (!pending.isEmpty() || response.writeQueueFull()) {
                if (fullSince == 0) {
                    fullSince = System.nanoTime();
                    hub.stats.countBackPressure();
                }
                return;
            }
            FeedWindow window = hub.window();
            if (window == null || cursor >= window.head) {
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

    /** Hands pending frames to the connection, joined into moderate writes, while it takes them. */
    private void flush() {
        int before = pending.size();
        while (!pending.isEmpty() && !response.writeQueueFull()) {
            Buffer first = pending.poll();
            if (pending.isEmpty() || first.length() >= WRITE_BYTES) {
                response.write(first);
                continue;
            }
            Buffer joined = Buffer.buffer(WRITE_BYTES + 1024).appendBuffer(first);
            while (!pending.isEmpty() && joined.length() + pending.peek().length() <= WRITE_BYTES) {
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
            List<Buffer> frames = page.frames();
            pending.addAll(frames);
            hub.stats.notePending(pending.size());
            cursor = page.through();
            pump();
        });
    }

    /** Called on every heartbeat tick: a comment line, or the end for a connection that has taken nothing for long. */
    void heartbeat(long now, long stallNanos) {
        if (closed) {
            return;
        }
        if (fullSince != 0 && now - fullSince > stallNanos) {
            LOG.debugf("feed: closing a stream that took no data for %d s", (now - fullSince) / 1_000_000_000L);
            hub.stats.countStall();
            response.reset();
            close();
            return;
        }
        if (!response.writeQueueFull()) {
            response.write(FeedCodec.HEARTBEAT);
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
            hub.remove(this);
        }
    }
}
