package io.activitygateway.spi;

import java.time.Clock;
import java.util.Optional;

/** What the gateway gives an adapter for one poll. */
public interface PollContext {

    /** The connection being polled. */
    ConnectionSettings settings();

    /** The checkpoint of the last committed batch; empty before the first commit ever. */
    Optional<Checkpoint> checkpoint();

    /** The only source of "now" an adapter may use. */
    Clock clock();

    /** The gateway's HTTP client for this connection (base URL, timeouts, retries, circuit breaker). */
    SourceHttp http();

    /**
     * Stores the batch's events, problems and gaps together with its checkpoint, in one transaction.
     * Events whose key this connection already stored are skipped; so are repeats within the batch.
     * After it returns, {@link #checkpoint()} answers the batch's checkpoint.
     *
     * @return how many events were new
     */
    CommitResult commit(Batch batch) throws SourceException;

    /**
     * Tells the operator about something that did not stop the poll but needs attention (one file's audit trail
     * refused, a response that may have been truncated). Shown in the source status with the last poll.
     */
    void warn(String message);

    /** True once the gateway is shutting down or the connection was stopped: finish the current page and return. */
    boolean stopRequested();
}
