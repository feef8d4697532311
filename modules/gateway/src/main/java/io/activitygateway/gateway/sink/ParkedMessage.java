package io.activitygateway.gateway.sink;

import java.time.Instant;
import java.util.List;

/** A message in a sink's dead-letter list: the events of one message that failed {@code attempts} times. */
public record ParkedMessage(long id, String sink, long firstSeq, long lastSeq, List<Long> seqs, int attempts,
        String lastError, Integer lastStatus, Instant parkedAt, Instant lastAttemptAt, boolean replayRequested) {
}
