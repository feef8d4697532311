package io.activitygateway.sandbox;

import io.activitygateway.sandbox.http.Traffic;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.sandbox.truth.TruthSource;
import io.activitygateway.sandbox.world.World;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated API over the shared world: its clock, and the log of the changes it emitted, which is its ground
 * truth. {@code C} is the API's own record of a change.
 */
public abstract class Simulator<C> implements TruthSource {

    private final World world;
    private final Clock clock;
    private final AtomicLong changeIds;
    private final List<C> changes = new ArrayList<>();
    private final Traffic traffic = new Traffic();

    protected Simulator(World world, Clock clock, AtomicLong changeIds) {
        this.world = world;
        this.clock = clock;
        this.changeIds = changeIds;
    }

    public World world() {
        return world;
    }

    public Clock clock() {
        return clock;
    }

    /** Requests and records this API has served. */
    public Traffic traffic() {
        return traffic;
    }

    /** Change ids are shared by all APIs of a sandbox, so they order changes across APIs too. */
    protected long nextChangeId() {
        return changeIds.incrementAndGet();
    }

    /** Call after the change is served by the API, so a change in the truth is always one a client can find. */
    protected void logChange(C change) {
        synchronized (changes) {
            changes.add(change);
        }
    }

    protected abstract TruthEntry truth(C change);

    @Override
    public int truthSize() {
        synchronized (changes) {
            return changes.size();
        }
    }

    @Override
    public TruthEntry truthAt(int index) {
        C change;
        synchronized (changes) {
            change = changes.get(index);
        }
        return truth(change);
    }
}
