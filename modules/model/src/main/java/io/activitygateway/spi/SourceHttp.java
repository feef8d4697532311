package io.activitygateway.spi;

/**
 * The gateway's HTTP client, bound to one connection: it resolves paths against the connection's base URL,
 * applies timeouts, retries 429/5xx/timeouts with backoff (honouring {@code Retry-After}), breaks the circuit
 * when the source keeps failing, and logs requests with secrets redacted.
 */
public interface SourceHttp {

    /**
     * Sends the request, retrying transient failures a bounded number of times.
     *
     * @return a response with a 2xx status
     * @throws AuthenticationException on 401 or 403
     * @throws SourceException         on any other non-2xx status once retries are spent (with
     *                                 {@link SourceException#httpStatus()} and the server's
     *                                 {@link SourceException#retryAfter()}), on timeouts, I/O errors and an
     *                                 open circuit
     */
    SourceResponse send(SourceRequest request) throws SourceException;
}
