package io.activitygateway.gateway.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A sink (configured or managed through the API) with its delivery status (docs/api.md, "Sinks"). */
@JsonPropertyOrder({ "name", "kind", "enabled", "state", "target", "start", "filter", "maxAttempts", "position",
        "head", "lagEvents", "lagSeconds", "lastSuccessAt", "lastError", "consecutiveFailures", "nextAttemptAt",
        "deliveries", "retries", "parkedEvents", "replayedEvents", "parkedMessages", "leaseHolder", "origin", "settings", "secrets" })
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
        @Schema(description = "Messages in the dead-letter list now") long parkedMessages,
        @Schema(description = "The gateway instance holding the sink's lease, so delivering it; null while none does")
        String leaseHolder,
        @Schema(enumeration = { "configuration", "api" },
                description = "Where the sink is defined; one from configuration is read-only through the API")
        String origin,
        @Schema(description = "A sink managed through the API: its keys as stored, secrets left out; null for one"
                + " from configuration") Map<String, String> settings,
        @Schema(description = "The names of the secrets the sink holds (never their values)") List<String> secrets) {
}
