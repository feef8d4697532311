package io.activitygateway.gateway.feed;

import io.activitygateway.gateway.api.ApiProblemException;
import io.activitygateway.gateway.api.EventFormat;
import io.activitygateway.gateway.api.FilterParams;
import io.activitygateway.gateway.api.Problem;
import io.activitygateway.gateway.source.SourceKinds;
import io.activitygateway.gateway.store.EventFilter;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.TreeSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/events/stream}: the change feed as Server-Sent Events (docs/feed.md). Parameters are checked
 * before anything is streamed, so a mistake is an ordinary 400 problem; after that the stream belongs to the
 * {@link FeedHub}, which writes to the connection directly (exception mappers and filters do not apply to it).
 */
@Path("/api/v1/events/stream")
@Tag(name = "Events")
public class EventStreamResource {

    static final String LAST_EVENT_ID = "lastEventId";
    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    /** A stream token, checked by the access filter before the stream opens (clients without headers, EventSource). */
    static final String ACCESS_TOKEN = "access_token";
    private static final List<String> OWN = List.of(LAST_EVENT_ID, EventFormat.PARAM, ACCESS_TOKEN);
    private static final Set<String> KNOWN = known();

    @Inject
    FeedHub hub;
    @Inject
    FeedHistory history;
    @Inject
    SourceKinds kinds;

    @GET
    @Operation(summary = "Follow events as they are stored (Server-Sent Events)",
            description = "Each message is id: <seq>, event: activity, data: <event JSON>. The first message"
                    + " (event: resume) names the seq the stream continues after. Resume with the Last-Event-ID"
                    + " header (or lastEventId): every matching event after it comes once, in seq order, then the"
                    + " stream goes on live. Without either, the stream starts now, or at since. Filters as in"
                    + " GET /api/v1/events (without until).")
    @APIResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "400", description = "A parameter is wrong; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void stream(@Context UriInfo uri, @Context HttpServerResponse response,
            @Suspended AsyncResponse async,
            @Parameter(description = "Seq to continue after; wins over lastEventId")
            @HeaderParam(LAST_EVENT_ID_HEADER) String lastEventIdHeader,
            @Parameter(description = "Seq to continue after, for clients that cannot set headers")
            @QueryParam(LAST_EVENT_ID) String lastEventId,
            @Parameter(description = "Without Last-Event-ID: start at the first stored event that occurred at or"
                    + " after this instant (ISO-8601 with offset); every later-stored event follows")
            @QueryParam("since") String since,
            @Parameter(description = "json (default) or cloudevents") @QueryParam("format") String format,
            @Parameter(description = "A stream token from POST /api/v1/stream-tokens, for clients that cannot send"
                    + " an Authorization header (EventSource)") @QueryParam(ACCESS_TOKEN) String accessToken,
            @Parameter(description = "Source kind(s)") @QueryParam("source") List<String> source,
            @Parameter(description = "Connection name(s)") @QueryParam("connection") List<String> connection,
            @Parameter(description = "Normalized type(s)") @QueryParam("type") List<String> type,
            @Parameter(description = "Native action/type string(s)") @QueryParam("sourceType") List<String> sourceType,
            @Parameter(description = "Object type(s)") @QueryParam("objectType") List<String> objectType,
            @Parameter(description = "Object id(s)") @QueryParam("objectId") List<String> objectId,
            @Parameter(description = "Actor id(s)") @QueryParam("actorId") List<String> actorId,
            @Parameter(description = "Container id(s)") @QueryParam("containerId") List<String> containerId,
            @Parameter(description = "Text the summary contains, ignoring case") @QueryParam("q") String q) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        List<Problem.InvalidParam> errors = new ArrayList<>();
        FilterParams.rejectUnknown(query, KNOWN, "the stream", errors);
        EventFilter filter = FilterParams.parse(query, kinds.names(), errors);
        EventFormat eventFormat = EventFormat.of(query, null, null, errors);
        Long fromQuery = seq(LAST_EVENT_ID, FilterParams.single(query, LAST_EVENT_ID, errors), errors);
        Long fromHeader = seq(LAST_EVENT_ID_HEADER, lastEventIdHeader, errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParams(errors);
        }
        // The header wins: a browser reconnects to the same URL (with its lastEventId) and the header it adds is newer.
        Long resumeAfter = fromHeader != null ? fromHeader : fromQuery;
        long after;
        if (resumeAfter != null) {
            long head = history.head();
            if (resumeAfter > head) {
                // Every seq a client was ever sent is committed, so one beyond the head means the store was restored
                // or reset: events may be missing between the two, and the client must be told, not left waiting.
                throw ApiProblemException.gone("Event " + resumeAfter + " is beyond this gateway's feed, whose newest"
                        + " event is " + head + "; the store was restored or reset, so events may be missing in"
                        + " between. Start again without Last-Event-ID (or with since).");
            }
            long purged = history.purgedThrough();
            if (resumeAfter < purged) {
                throw ApiProblemException.gone("Events up to " + purged + " were deleted by retention"
                        + " (gateway.retention.max-age); resuming after " + resumeAfter + " would skip them. Start"
                        + " again without Last-Event-ID (or with since), or from " + purged + ".");
            }
            after = resumeAfter;
        } else if (filter.since() != null) {
            after = history.startFor(filter.since());
        } else {
            after = hub.head();
        }
        // The request's own context: the worker running this method carries it, and it runs tasks on the
        // connection's event loop, where the stream then lives.
        io.vertx.core.Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext()) {
            throw new IllegalStateException("the stream must be opened from a request's context; got " + context);
        }
        hub.subscribe(context, response, filter.withoutTimeRange(), eventFormat, after);
    }

    /** A seq as a client sends it back: a whole number from 0; blank means not given. */
    private static Long seq(String name, String value, List<Problem.InvalidParam> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() <= 18 && v.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(v);
        }
        errors.add(new Problem.InvalidParam(name, "'" + value + "' is not an event id; the ids of this stream are"
                + " whole numbers (seqs)"));
        return null;
    }

    private static Set<String> known() {
        Set<String> names = new TreeSet<>(FilterParams.NAMES);
        names.remove("until");
        names.addAll(OWN);
        return names;
    }
}
