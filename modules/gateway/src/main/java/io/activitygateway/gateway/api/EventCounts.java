package io.activitygateway.gateway.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Matching events per source and time bucket, every bucket of the range included (empty ones with zeros).
 *
 * @param since the first bucket's start (the asked since, rounded down to a bucket boundary)
 * @param until the end of the last bucket (the asked until, rounded up)
 * @param bucket each bucket's length, ISO-8601
 * @param sources every source kind, the order of each bucket's counts
 */
@Schema(name = "EventCounts")
public record EventCounts(Instant since, Instant until, String bucket, List<String> sources, List<Bucket> buckets,
        long total) {

    /** One bucket: {@code [start, start + bucket)} on occurredAt. */
    public record Bucket(Instant start, Map<String, Long> counts, long total) {
    }
}
