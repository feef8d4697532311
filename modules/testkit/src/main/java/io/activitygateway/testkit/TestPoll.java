package io.activitygateway.testkit;

import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.CommitResult;
import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.PollContext;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceHttp;
import java.time.Clock;
import java.util.Optional;

/**
 * A {@link PollContext} over a {@link MemoryStore}, for running one adapter poll in a test. It can simulate a
 * crash: {@link #crashBeforeCommit(int)} makes the n-th commit (1-based) throw {@link SimulatedCrash} without
 * storing anything, the way a process killed mid-page would leave the store.
 */
public final class TestPoll implements PollContext {

    /** Thrown in place of a commit to simulate the process dying before the transaction committed. */
    public static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(int commit) {
            super("simulated crash before commit #" + commit);
        }
    }

    private final ConnectionSettings settings;
    private final MemoryStore store;
    private final Clock clock;
    private final SourceHttp http;
    private int commits;
    private int crashAt = -1;
    private int stopAfter = -1;

    public TestPoll(ConnectionSettings settings, MemoryStore store, Clock clock, SourceHttp http) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.http = http;
    }

    public TestPoll crashBeforeCommit(int n) {
        this.crashAt = n;
        return this;
    }

    /** Makes {@link #stopRequested()} true once {@code n} commits are done, as a shutdown would. */
    public TestPoll stopAfterCommits(int n) {
        this.stopAfter = n;
        return this;
    }

    /** Runs one poll of the adapter against this context. */
    public TestPoll run(SourceAdapter adapter) throws SourceException {
        adapter.poll(this);
        return this;
    }

    public int commits() {
        return commits;
    }

    @Override
    public ConnectionSettings settings() {
        return settings;
    }

    @Override
    public Optional<Checkpoint> checkpoint() {
        return store.checkpoint();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public SourceHttp http() {
        return http;
    }

    @Override
    public CommitResult commit(Batch batch) {
        if (commits + 1 == crashAt) {
            throw new SimulatedCrash(crashAt);
        }
        commits++;
        return store.commit(batch);
    }

    @Override
    public void warn(String message) {
        store.warn(message);
    }

    @Override
    public boolean stopRequested() {
        return stopAfter >= 0 && commits >= stopAfter;
    }
}
