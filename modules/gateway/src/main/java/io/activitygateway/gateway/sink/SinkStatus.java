package io.activitygateway.gateway.sink;

import java.time.Instant;

/**
 * A sink's status as its runner sees it now.
 *
 * @param position        every event with seq up to this was acknowledged, parked or outside the filter
 * @param head            the store's last seq, when the runner last looked
 * @param lagEvents       seqs between the position and the head (events outside the filter count until the runner
 *                        passes them, which it does at once when idle)
 * @param lagSeconds      how long the oldest event not yet acknowledged has been stored; 0 when caught up
 * @param deliveries      events acknowledged by the destination since this instance started
 * @param retries         failed attempts since this instance started
 * @param parkedEvents    events parked since this instance started
 */
public record SinkStatus(
        SinkState state,
        Long position,
        long head,
        long lagEvents,
        long lagSeconds,
        Instant lastSuccessAt,
        Instant lastErrorAt,
        String lastError,
        Integer lastErrorStatus,
        int consecutiveFailures,
        Instant nextAttemptAt,
        long deliveries,
        long retries,
        long parkedEvents,
        long replayed) {
}
