package io.activitygateway.gateway.api;

import io.activitygateway.gateway.sink.ParkedMessage;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A message in a sink's dead-letter list. */
@Schema(name = "ParkedMessage", description = "A message given up on after max-attempts failed attempts")
public record ParkedView(long id, long firstSeq, long lastSeq, int events, List<Long> seqs, int attempts,
        String lastError, Integer lastStatus, Instant parkedAt, Instant lastAttemptAt, boolean replayRequested) {

    static ParkedView of(ParkedMessage p) {
        return new ParkedView(p.id(), p.firstSeq(), p.lastSeq(), p.seqs().size(), p.seqs(), p.attempts(),
                p.lastError(), p.lastStatus(), p.parkedAt(), p.lastAttemptAt(), p.replayRequested());
    }
}
