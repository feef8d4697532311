package io.activitygateway.gateway.poll;

import io.activitygateway.gateway.metrics.ConnectionMeters;
import io.activitygateway.gateway.lease.LeaseLostException;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.CommitResult;
import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.PollContext;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceHttp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * One poll's view of the gateway, handed to the adapter. Not shared between polls; the adapter calls it from one
 * thread, and a submitted batch is committed on the committer, whose counts the poll's thread reads only after
 * waiting for it.
 */
final class GatewayPollContext implements PollContext {

    private static final Logger LOG = Logger.getLogger(GatewayPollContext.class);
    private static final int MAX_WARNINGS = 20;

    private final ConnectionSettings settings;
    private final Clock clock;
    private final SourceHttp http;
    private final EventStore store;
    private final BooleanSupplier stop;
    private final ConnectionMeters meters;
    private final List<String> warnings = new ArrayList<>();
    private Checkpoint checkpoint;
    private long stored;
    private int problemsSeen;
    private final Runnable fence;
    private boolean leaseLost;

    /** Runs submitted batches' commits, one at a time for this poll; null commits them on the poll's thread. */
    private final Executor committer;
    /** The submitted batch still committing, if any. */
    private CompletableFuture<Void> submitted;

    GatewayPollContext(ConnectionSettings settings, Checkpoint checkpoint, Clock clock, SourceHttp http,
            EventStore store, BooleanSupplier stop, ConnectionMeters meters, Runnable fence, Executor committer) {
        this.committer = committer;
        this.fence = fence;
        this.settings = settings;
        this.meters = meters;
        this.checkpoint = checkpoint;
        this.clock = clock;
        this.http = http;
        this.store = store;
        this.stop = stop;
    }

    @Override
    public ConnectionSettings settings() {
        return settings;
    }

    @Override
    public Optional<Checkpoint> checkpoint() {
        return Optional.ofNullable(checkpoint);
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
    public CommitResult commit(Batch batch) throws SourceException {
        awaitSubmitted();
        CommitResult result = store(batch);
        checkpoint = batch.checkpoint();
        return result;
    }

    /**
     * Commits on the committer while the adapter reads on. At most one batch is in flight: the next submit waits for
     * it first, so batches are stored in order and one that failed stops the ones after it.
     */
    @Override
    public void submit(Batch batch) throws SourceException {
        awaitSubmitted();
        if (committer == null) {
            commit(batch);
            return;
        }
        checkpoint = batch.checkpoint();
        submitted = CompletableFuture.runAsync(() -> {
            try {
                store(batch);
            } catch (SourceException e) {
                throw new CompletionException(e);
            }
        }, committer);
    }

    /** Waits for the submitted batch to be stored; throws what its commit threw. */
    void awaitSubmitted() throws SourceException {
        CompletableFuture<Void> pending = submitted;
        if (pending == null) {
            return;
        }
        submitted = null;
        try {
            pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SourceException failure) {
                throw failure;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * After the adapter failed: lets the submitted batch finish (the poll ends only once nothing of it is still
     * committing); the adapter's failure is the poll's, so this one is only logged.
     */
    void settleSubmitted() {
        try {
            awaitSubmitted();
        } catch (SourceException | RuntimeException e) {
            LOG.debugf("[%s] a submitted batch failed too: %s", settings.connection(), e.getMessage());
        }
    }

    private CommitResult store(Batch batch) throws SourceException {
        CommitResult result;
        long started = System.nanoTime();
        try {
            result = store.commit(settings.connection(), settings.kind(), batch, fence);
        } catch (LeaseLostException e) {
            leaseLost = true;
            throw new LeaseLost(e);
        } catch (RuntimeException e) {
            meters.commitFailed(System.nanoTime() - started);
            throw new StoreFailure("could not store the batch: " + rootMessage(e), e);
        }
        meters.committed(batch, result, System.nanoTime() - started);
        problemsSeen += batch.problems().size();
        stored += result.stored();
        return result;
    }

    @Override
    public void warn(String message) {
        if (warnings.size() < MAX_WARNINGS && !warnings.contains(message)) {
            warnings.add(message);
        }
    }

    @Override
    public boolean stopRequested() {
        return stop.getAsBoolean();
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The lease's fence refused a commit: another instance polls the connection now. */
    boolean leaseLost() {
        return leaseLost;
    }

    long stored() {
        return stored;
    }

    /** Record problems in the committed batches (read again ones included). */
    int problemsSeen() {
        return problemsSeen;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
