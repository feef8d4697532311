package io.activitygateway.gateway.api;

import io.activitygateway.gateway.source.SourceKinds;
import io.activitygateway.gateway.store.EventFilter;
import io.activitygateway.gateway.store.EventQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/events/counts}: how many events each source had per time bucket, for charts. */
@Path("/api/v1/events/counts")
@Tag(name = "Events")
public class EventCountsResource {

    static final int MAX_BUCKETS = 1000;
    static final Duration DEFAULT_BUCKET = Duration.ofHours(1);
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    private static final List<String> PARAMS = Stream.concat(FilterParams.NAMES.stream(), Stream.of("bucket"))
            .toList();

    @Inject
    EventQueries queries;
    @Inject
    SourceKinds kinds;
    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Events per source per time bucket",
            description = "Every bucket of [since, until) with a count per source kind, empty buckets included."
                    + " Without until: up to now; without since: 24 h before until. since is rounded down and until"
                    + " up to whole buckets (counted from the epoch, so in UTC); at most 1000 buckets. The filters"
                    + " are those of GET /api/v1/events.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventCounts.class)))
    @APIResponse(responseCode = "400", description = "A parameter is wrong; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EventCounts counts(@Context UriInfo uri,
            @Parameter(description = "Bucket length, ISO-8601, whole minutes from PT1M to P1D",
                    schema = @Schema(defaultValue = "PT1H")) @QueryParam("bucket") String bucket,
            @Parameter(description = "occurredAt >= since; default 24 h before until") @QueryParam("since") String since,
            @Parameter(description = "occurredAt < until; default now") @QueryParam("until") String until,
            @Parameter(description = "Source kind(s)") @QueryParam("source") List<String> source,
            @Parameter(description = "Connection name(s)") @QueryParam("connection") List<String> connection,
            @Parameter(description = "Normalized type(s)") @QueryParam("type") List<String> type,
            @Parameter(description = "Actor id(s)") @QueryParam("actorId") List<String> actorId,
            @Parameter(description = "Text the summary contains, ignoring case") @QueryParam("q") String q) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        List<Problem.InvalidParam> errors = new ArrayList<>();
        FilterParams.rejectUnknown(query, PARAMS, "this endpoint", errors);
        Duration size = bucket(query, errors);
        EventFilter asked = FilterParams.parse(query, kinds.names(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParams(errors);
        }
        long step = size.toSeconds();
        Instant end = asked.until() != null ? asked.until() : clock.instant();
        Instant start = asked.since() != null ? asked.since() : end.minus(DEFAULT_RANGE);
        long first = Math.floorDiv(start.getEpochSecond(), step);
        long endSecond = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
        long last = Math.floorDiv(endSecond + step - 1, step);
        if (last <= first) {
            last = first + 1;
        }
        if (last - first > MAX_BUCKETS) {
            errors.add(new Problem.InvalidParam(asked.since() != null ? "since" : "bucket", "the range holds "
                    + (last - first) + " buckets of " + size + "; at most " + MAX_BUCKETS
                    + " (narrow since/until or widen bucket)"));
            throw ApiProblemException.invalidParams(errors);
        }
        Instant from = Instant.ofEpochSecond(first * step);
        Instant to = Instant.ofEpochSecond(last * step);
        EventFilter filter = new EventFilter(asked.source(), asked.connection(), asked.type(), asked.sourceType(),
                asked.objectType(), asked.objectId(), asked.actorId(), asked.containerId(), from, to, asked.text());

        List<String> sources = kinds.names().stream().sorted().toList();
        Map<Long, Map<String, Long>> found = new HashMap<>();
        for (Object[] row : queries.countsPerBucket(filter, step)) {
            found.computeIfAbsent(((Number) row[1]).longValue(), b -> new HashMap<>())
                    .merge((String) row[0], ((Number) row[2]).longValue(), Long::sum);
        }
        List<EventCounts.Bucket> buckets = new ArrayList<>();
        long total = 0;
        for (long b = first; b < last; b++) {
            Map<String, Long> counts = new LinkedHashMap<>();
            long sum = 0;
            Map<String, Long> in = found.getOrDefault(b, Map.of());
            for (String s : sources) {
                long n = in.getOrDefault(s, 0L);
                counts.put(s, n);
                sum += n;
            }
            buckets.add(new EventCounts.Bucket(Instant.ofEpochSecond(b * step), counts, sum));
            total += sum;
        }
        return new EventCounts(from, to, size.toString(), sources, buckets, total);
    }

    private static Duration bucket(MultivaluedMap<String, String> query, List<Problem.InvalidParam> errors) {
        String value = FilterParams.single(query, "bucket", errors);
        if (value == null) {
            return DEFAULT_BUCKET;
        }
        try {
            Duration d = Duration.parse(value);
            if (d.toSeconds() % 60 == 0 && d.getNano() == 0 && d.compareTo(Duration.ofMinutes(1)) >= 0
                    && d.compareTo(Duration.ofDays(1)) <= 0) {
                return d;
            }
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        errors.add(new Problem.InvalidParam("bucket", "'" + value + "' is not a whole number of minutes from PT1M"
                + " to P1D, as an ISO-8601 duration (PT5M, PT1H, P1D)"));
        return DEFAULT_BUCKET;
    }
}
