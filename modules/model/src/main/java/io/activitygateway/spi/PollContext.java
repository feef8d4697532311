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
     * As {@link #commit}, but may return before the batch is stored, so that the adapter fetches its next page while
     * this one commits. The batches of a poll are stored one after another in the order given, each in the same
     * transaction as its checkpoint, exactly as {@code commit} would store them (batches that wait behind a running
     * commit may share one transaction, whose checkpoint is the last one's); after this returns,
     * {@link #checkpoint()} answers this batch's checkpoint. A batch that could not be stored is reported by the
     * next {@code submit} or {@code commit} (which throw what {@code commit} would have thrown) or, after the
     * adapter's last one, by the end of the poll; nothing submitted after it is stored.
     */
    default void submit(Batch batch) throws SourceException {
        commit(batch);
    }

    /**
     * Tells the operator about something that did not stop the poll but needs attention (one file's audit trail
     * refused, a response that may have been truncated). Shown in the source status with the last poll.
     */
    void warn(String message);

    /** True once the gateway is shutting down or the connection was stopped: finish the current page and return. */
    boolean stopRequested();
}
