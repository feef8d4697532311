package io.activitygateway.gateway.poll;

import io.activitygateway.gateway.metrics.ConnectionMeters;
import io.activitygateway.gateway.lease.LeaseLostException;
import io.activitygateway.gateway.store.EventStore;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.CommitResult;
import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.PollContext;
import io.activitygateway.spi.Gap;
import io.activitygateway.spi.RecordProblem;
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
    /** At most this many pages wait behind a running commit (they are held in memory meanwhile). */
    private static final int MAX_QUEUED = 4;

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
    /** The drain of submitted batches still running, if any. */
    private CompletableFuture<Void> submitted;
    /** Batches submitted while a commit runs, stored together next; guarded by itself, as is draining. */
    private final List<Batch> queue = new ArrayList<>();
    private boolean draining;

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
     * Commits on the committer while the adapter reads on. Batches submitted while a commit runs queue behind it
     * (up to {@link #MAX_QUEUED}) and are then stored together in one transaction, so a connection whose pages come
     * faster than its commits needs fewer commits; they are stored in order, and one that failed stops the ones
     * after it (the queue is dropped).
     */
    @Override
    public void submit(Batch batch) throws SourceException {
        if (committer == null) {
            commit(batch);
            return;
        }
        synchronized (queue) {
            if (draining && queue.size() < MAX_QUEUED) {
                queue.add(batch);
                checkpoint = batch.checkpoint();
                return;
            }
        }
        awaitSubmitted();
        synchronized (queue) {
            queue.add(batch);
            draining = true;
        }
        checkpoint = batch.checkpoint();
        submitted = CompletableFuture.runAsync(this::drain, committer);
    }

    /** On the committer: stores what is queued, all of it at once, until the queue is empty. */
    private void drain() {
        while (true) {
            List<Batch> next;
            synchronized (queue) {
                if (queue.isEmpty()) {
                    draining = false;
                    return;
                }
                next = new ArrayList<>(queue);
                queue.clear();
            }
            try {
                store(next);
            } catch (SourceException | RuntimeException e) {
                synchronized (queue) {
                    queue.clear();
                    draining = false;
                }
                throw new CompletionException(e);
            }
        }
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
        return store(List.of(batch));
    }

    private CommitResult store(List<Batch> batches) throws SourceException {
        Batch batch = batches.size() == 1 ? batches.get(0) : merged(batches);
        CommitResult result;
        long started = System.nanoTime();
        try {
            result = store.commit(settings.connection(), settings.kind(), batches, fence);
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

    /** The batches as one, for the meters (what they count is the same either way). */
    private static Batch merged(List<Batch> batches) {
        List<SourceEvent> events = new ArrayList<>();
        List<RecordProblem> problems = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        for (Batch b : batches) {
            events.addAll(b.events());
            problems.addAll(b.problems());
            gaps.addAll(b.gaps());
        }
        return new Batch(events, problems, gaps, batches.get(batches.size() - 1).checkpoint());
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
