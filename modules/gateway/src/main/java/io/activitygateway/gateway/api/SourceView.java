package io.activitygateway.gateway.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.activitygateway.gateway.poll.SourceState;
import io.activitygateway.gateway.store.SourceGapEntity;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A connection's configuration (credentials never included) and status.
 *
 * @param checkpoint the adapter's resume point as JSON, null before the first commit
 */
@Schema(name = "Source")
public record SourceView(
        String name,
        String kind,
        boolean enabled,
        SourceState state,
        String baseUrl,
        String pollInterval,
        String lookback,
        String initialWindow,
        Instant lastPollStartedAt,
        Instant lastPollEndedAt,
        Instant lastSuccessAt,
        @Schema(description = "When the newest stored event happened: a quiet account has a recent lastSuccessAt and an"
                + " old newestEventAt; a stale connection an old lastSuccessAt") Instant newestEventAt,
        @Schema(description = "How far the source's clock runs ahead of ours (negative: behind), measured from its"
                + " responses' Date header; null before it answered") String sourceClockOffset,
        LastError lastError,
        int consecutiveFailures,
        long eventsIngested,
        @Schema(implementation = Object.class) @JsonRawValue String checkpoint,
        Instant checkpointAt,
        Instant nextPollAt,
        @Schema(description = "Problems the last poll met without stopping") @JsonRawValue String warnings,
        List<GapView> gaps,
        long recordProblems,
        @Schema(description = "The gateway instance that holds the connection's lease and so polls it (every instance"
                + " shows the same); null while none does, e.g. disabled") String leaseHolder,
        @Schema(description = "configuration (read-only through the API) or api (managed through PUT and DELETE)")
        String origin,
        @Schema(description = "For a connection managed through the API: its keys as stored, secrets left out")
        java.util.Map<String, String> settings,
        @Schema(description = "The secrets the connection holds, by name only; their values are never shown")
        List<String> secrets) {

    public record LastError(Instant at, String message, Integer httpStatus) {
    }

    /** A span in which events may be missing for good, as the adapter reported it. */
    public record GapView(Instant from, Instant to, String reason, Instant reportedAt) {
        static GapView of(SourceGapEntity g) {
            return new GapView(g.from, g.to, g.reason, g.reportedAt);
        }
    }
}
