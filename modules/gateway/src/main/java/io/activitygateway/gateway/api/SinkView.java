package io.activitygateway.gateway.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A configured sink with its delivery status (docs/api.md, "Sinks"). */
@JsonPropertyOrder({ "name", "kind", "enabled", "state", "target", "start", "filter", "maxAttempts", "position",
        "head", "lagEvents", "lagSeconds", "lastSuccessAt", "lastError", "consecutiveFailures", "nextAttemptAt",
        "deliveries", "retries", "parkedEvents", "replayedEvents", "parkedMessages" })
@Schema(name = "Sink", description = "A sink and how its delivery goes")
public record SinkView(
        String name,
        String kind,
        boolean enabled,
        @Schema(enumeration = { "disabled", "idle", "delivering", "backing_off", "failing", "standby" }) String state,
        String target,
        String start,
        @Schema(description = "The filters in effect, each \"any of\"; absent ones match everything")
        Map<String, List<String>> filter,
        int maxAttempts,
        @Schema(description = "Every event with seq up to this was acknowledged, parked or outside the filter;"
                + " null while another instance holds the sink") Long position,
        long head,
        long lagEvents,
        long lagSeconds,
        Instant lastSuccessAt,
        SourceView.LastError lastError,
        int consecutiveFailures,
        Instant nextAttemptAt,
        @Schema(description = "Events acknowledged since this instance started") long deliveries,
        @Schema(description = "Failed attempts since this instance started") long retries,
        @Schema(description = "Events parked since this instance started") long parkedEvents,
        @Schema(description = "Parked events replayed and acknowledged since this instance started")
        long replayedEvents,
        @Schema(description = "Messages in the dead-letter list now") long parkedMessages) {
}
