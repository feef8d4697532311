package io.activitygateway.gateway.feed;

import io.activitygateway.gateway.api.EventFormat;
import io.activitygateway.gateway.store.EventFilter;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The subscribers of one event loop that asked for the same filter and format and are in step: each has written
 * every matching event up to the cohort's {@code cursor}, and its connection takes more. New events are filtered
 * once for all of them, their messages joined once into shared buffers, and those same buffers written to every
 * member; so a batch costs one filter pass plus one write per member, not a filter and a copy per member per event.
 * A member whose connection fills up (or that the window moved past) leaves with the cohort's cursor as its own and
 * goes on at its own pace ({@link Subscriber}); it joins again once it has caught up to exactly the same position.
 * Everything here runs on the loop's thread.
 */
final class Cohort {

    /** What makes subscribers share their messages. */
    record Key(EventFilter filter, EventFormat format) {
    }

    /** Messages are joined into writes of about this size: one write per member per batch, still small. */
    static final int WRITE_BYTES = 32 * 1024;

    final Key key;
    private final FeedCodec codec;
    private Subscriber[] live = new Subscriber[4];
    private int size;
    /** Every matching event up to here has been written to every live member. */
    long cursor;
    /** Subscribers of this key on the loop, in step or not; the loop forgets the cohort when none are left. */
    int subscribers;

    Cohort(Key key, FeedCodec codec) {
        this.key = key;
        this.codec = codec;
    }

    int live() {
        return size;
    }

    /** Takes a caught-up subscriber in if it stands exactly where the cohort does (or the cohort is empty). */
    boolean join(Subscriber s) {
        if (size == 0) {
            cursor = s.cursor;
        } else if (s.cursor != cursor) {
            return false;
        }
        if (size == live.length) {
            live = Arrays.copyOf(live, size * 2);
        }
        s.liveIndex = size;
        live[size++] = s;
        return true;
    }

    /** Takes a member out; its own cursor is the cohort's, for it to continue from. */
    void leave(Subscriber s) {
        int i = s.liveIndex;
        if (i < 0) {
            return;
        }
        s.cursor = cursor;
        Subscriber last = live[--size];
        live[i] = last;
        last.liveIndex = i;
        live[size] = null;
        s.liveIndex = -1;
    }

    /** Writes what the window holds beyond the cursor to every member. */
    void advance(FeedWindow window, FeedHub.Stats stats) {
        if (size == 0 || cursor >= window.head) {
            return;
        }
        if (cursor < window.floor) {
            // The loop did not run while the window turned over: each member catches up from the store.
            while (size > 0) {
                Subscriber s = live[size - 1];
                leave(s);
                s.detached(false);
            }
            return;
        }
        List<Buffer> frames = new ArrayList<>(2);
        // through.get(k): the last seq frames 0..k cover, so a member cut off after frame k continues from there.
        List<Long> through = new ArrayList<>(2);
        // counted.get(k): the events frames 0..k hold.
        List<Integer> counted = new ArrayList<>(2);
        int matched = 0;
        // A lone message is written as the shared buffer it is; several are joined into a buffer of this batch.
        Buffer single = null;
        Buffer joined = null;
        long last = cursor;
        for (int i = window.indexAfter(cursor); i < window.size(); i++) {
            FeedEvent event = window.get(i);
            if (!key.filter().matches(event.row)) {
                continue;
            }
            matched++;
            Buffer frame = event.frame(key.format(), codec);
            Buffer current = single != null ? single : joined;
            if (current != null && current.length() + frame.length() > WRITE_BYTES) {
                frames.add(current);
                through.add(last);
                counted.add(matched - 1);
                single = frame;
                joined = null;
            } else if (single != null) {
                joined = Buffer.buffer(WRITE_BYTES + 1024).appendBuffer(single).appendBuffer(frame);
                single = null;
            } else if (joined != null) {
                joined.appendBuffer(frame);
            } else {
                single = frame;
            }
            last = event.seq;
        }
        if (single != null || joined != null) {
            frames.add(single != null ? single : joined);
            through.add(window.head);
            counted.add(matched);
        }
        long from = cursor;
        cursor = window.head;
        if (matched == 0) {
            return;
        }
        long delivered = 0;
        // Backwards: a member that leaves is replaced by the last one, which has had its write already.
        for (int i = size - 1; i >= 0; i--) {
            Subscriber s = live[i];
            int written = s.write(frames);
            if (written <= 0 || s.liveIndex < 0) {
                continue;
            }
            delivered += counted.get(written - 1);
            if (written < frames.size() || s.full()) {
                // Its connection is full: it stops after what it took and goes on from there at its own pace.
                leave(s);
                s.cursor = written == 0 ? from : through.get(written - 1);
                s.detached(true);
            }
        }
        stats.countDelivered(delivered);
    }
}
