package io.activitygateway.gateway.feed;

import io.vertx.core.Context;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The streams of one event loop. Its collections are only touched on that loop's thread. When the reader adds
 * events, the loop gets one task (however many batches came before it runs) in which each {@link Cohort} writes its
 * share once to its members and then the subscribers at their own pace (behind, catching up, or whose connection
 * is full) take what they need one by one.
 */
final class FeedLoop {

    private final FeedHub hub;
    /**
     * A context of this loop for tasks from other threads: that of one of its streams (a request's context runs
     * its tasks on the loop's thread). Replaced when that stream ends, so no ended request is held for long.
     */
    private volatile Context context;
    private Subscriber contextOwner;
    final Set<Subscriber> members = new HashSet<>();
    /** Members not in step with a cohort: each moves at its own pace. */
    private final Set<Subscriber> solo = new HashSet<>();
    private final Map<Cohort.Key, Cohort> cohorts = new HashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    FeedLoop(FeedHub hub) {
        this.hub = hub;
    }

    /** A new stream, at its own pace until it has caught up. */
    Cohort add(Subscriber s) {
        members.add(s);
        solo.add(s);
        if (contextOwner == null) {
            contextOwner = s;
            context = s.context;
        }
        Cohort cohort = cohorts.computeIfAbsent(new Cohort.Key(s.filter, s.format), k -> new Cohort(k, hub.codec));
        cohort.subscribers++;
        return cohort;
    }

    void remove(Subscriber s) {
        if (!members.remove(s)) {
            return;
        }
        solo.remove(s);
        s.cohort.leave(s);
        if (--s.cohort.subscribers == 0) {
            cohorts.remove(s.cohort.key);
        }
        if (contextOwner == s) {
            contextOwner = members.isEmpty() ? null : members.iterator().next();
            context = contextOwner == null ? null : contextOwner.context;
        }
        hub.stats.closed.incrementAndGet();
    }

    /** A caught-up subscriber joins its cohort if it stands where the cohort does. */
    void caughtUp(Subscriber s) {
        if (s.liveIndex < 0 && s.cohort.join(s)) {
            solo.remove(s);
        }
    }

    /** A member left its cohort: it goes on at its own pace. */
    void detached(Subscriber s) {
        solo.add(s);
    }

    /** Asks for one pass over the new events; cheap, and many calls before the pass make one pass. */
    void schedule() {
        Context c = context;
        if (c != null && scheduled.compareAndSet(false, true)) {
            c.runOnContext(v -> run());
        }
    }

    private void run() {
        scheduled.set(false);
        FeedWindow window = hub.window();
        if (window == null) {
            return;
        }
        for (Cohort cohort : cohorts.values().toArray(new Cohort[0])) {
            cohort.advance(window, hub.stats);
        }
        for (Subscriber s : solo.toArray(new Subscriber[0])) {
            s.pump(window);
        }
    }

    /** Runs {@code action} for every stream, on the loop. */
    void forEach(Consumer<Subscriber> action) {
        Context c = context;
        if (c != null) {
            c.runOnContext(v -> {
                for (Subscriber s : members.toArray(new Subscriber[0])) {
                    action.accept(s);
                }
            });
        }
    }

    /** Streams in step with a cohort, and cohorts, on this loop (for tests; call on the loop). */
    int inStep() {
        int n = 0;
        for (Cohort c : cohorts.values()) {
            n += c.live();
        }
        return n;
    }
}
