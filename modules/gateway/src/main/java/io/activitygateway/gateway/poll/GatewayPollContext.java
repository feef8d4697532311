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
import java.util.function.BooleanSupplier;

/** One poll's view of the gateway, handed to the adapter. Not shared between polls or threads. */
final class GatewayPollContext implements PollContext {

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

    GatewayPollContext(ConnectionSettings settings, Checkpoint checkpoint, Clock clock, SourceHttp http,
            EventStore store, BooleanSupplier stop, ConnectionMeters meters, Runnable fence) {
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
        checkpoint = batch.checkpoint();
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
