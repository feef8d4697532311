package io.activitygateway.spi;

/**
 * One connection's adapter: it plans requests and maps responses, nothing else. The gateway owns
 * scheduling, HTTP (retries, backoff, circuit breaking, auth redaction), persistence and checkpoints.
 *
 * <p>A poll reads what is new since {@link PollContext#checkpoint()} and hands it to
 * {@link PollContext#commit(Batch)} page by page; each batch carries the checkpoint that is safe to resume
 * from once that batch is stored, and the gateway stores both in one transaction. So a crash between two
 * commits re-reads at most one page, and re-read records are recognised by their keys.
 *
 * <p>The gateway never runs two polls of one connection at the same time; an adapter may keep state
 * between polls, but everything needed to resume after a restart must be in the checkpoint.
 */
public interface SourceAdapter {

    /**
     * Runs one poll.
     *
     * @throws AuthenticationException when the credentials are refused: the gateway stops polling this
     *                                 connection until it is asked to poll again
     * @throws SourceException         for anything else that stopped the poll: the gateway backs off
     *                                 (honouring {@link SourceException#retryAfter()}) and polls again from
     *                                 the last committed checkpoint
     */
    void poll(PollContext context) throws SourceException;
}
