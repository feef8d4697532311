package io.activitygateway.gateway.http;

import io.activitygateway.gateway.poll.Backoff;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.util.function.DoubleSupplier;

/** Delay before each retry of one request: jittered exponential backoff, or the server's longer Retry-After. */
final class RetryDelays implements CustomBackoffStrategy {

    private final Backoff backoff;
    private final DoubleSupplier random;
    private int retries;

    RetryDelays(Backoff backoff, DoubleSupplier random) {
        this.backoff = backoff;
        this.random = random;
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long exponential = backoff.delay(retries++, random.getAsDouble()).toMillis();
        if (cause instanceof TransientHttpFailure failure && failure.retryAfter().isPresent()) {
            return Math.max(exponential, failure.retryAfter().get().toMillis());
        }
        return exponential;
    }
}
