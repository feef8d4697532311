package io.activitygateway.gateway.sink;

import io.activitygateway.sink.OutboundEvent;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * The pages of one delivery round, read one ahead on another thread: while the sink's thread hands page n to the
 * destination, page n+1 is read from the store and encoded (event JSON, CloudEvent attributes), which was the
 * sink thread's own work between sends. Pages come in seq order, each starting after the last seq of the one
 * before; a read ahead that is not taken (the round ended early) is only a wasted read.
 */
final class PagesAhead implements AutoCloseable {

    private final ExecutorService executor;
    private final LongFunction<List<OutboundEvent>> pageAfter;
    private final int batch;
    private final int maxPages;
    private Future<List<OutboundEvent>> pending;
    private int pagesRead;

    /**
     * Starts reading the first page after {@code after} at once.
     *
     * @param pageAfter the store's read: up to {@code batch} events after a seq, in seq order
     * @param maxPages  pages read at most in this round; no page is read ahead beyond it
     */
    PagesAhead(ExecutorService executor, LongFunction<List<OutboundEvent>> pageAfter, long after, int batch,
            int maxPages) {
        this.executor = executor;
        this.pageAfter = pageAfter;
        this.batch = batch;
        this.maxPages = maxPages;
        this.pending = read(after);
    }

    /**
     * The next page (empty when nothing else up to the head passes the filter), and the read of the one after it
     * begun when this one is full and the round may read more.
     *
     * @throws RuntimeException what the store's read threw
     */
    List<OutboundEvent> next() throws InterruptedException {
        if (pending == null) {
            return List.of();
        }
        List<OutboundEvent> page;
        try {
            page = pending.get();
        } catch (ExecutionException e) {
            pending = null;
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (CancellationException e) {
            pending = null;
            throw new IllegalStateException("the read of the next page was cancelled", e);
        }
        pagesRead++;
        pending = page.size() == batch && pagesRead < maxPages ? read(page.get(page.size() - 1).seq()) : null;
        return page;
    }

    /** How many pages {@link #next()} returned. */
    int pagesRead() {
        return pagesRead;
    }

    private Future<List<OutboundEvent>> read(long after) {
        return executor.submit(() -> pageAfter.apply(after));
    }

    /** Drops a read ahead nobody will take (left to finish: interrupting a JDBC read could spoil its connection). */
    @Override
    public void close() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
