package io.activitygateway.gateway.api;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.source.SourceKinds;
import io.activitygateway.gateway.store.EventEntity;
import io.activitygateway.gateway.store.EventFilter;
import io.activitygateway.gateway.store.EventOrder;
import io.activitygateway.gateway.store.EventQueries;
import io.activitygateway.gateway.store.PagePosition;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Tag(name = "Events", description = "Stored activity events, normalized across sources")
public class EventResource {

    private static final List<String> LIST_PARAMS = Stream.concat(FilterParams.NAMES.stream(),
            Stream.of("limit", "order", "cursor", "include", EventFormat.PARAM)).toList();
    private static final List<String> GET_PARAMS = List.of("include", EventFormat.PARAM);
    /** Response header with the next page's cursor, for answers (CloudEvents batches) without a body field for it. */
    static final String NEXT_CURSOR_HEADER = "Next-Cursor";

    @Inject
    EventQueries queries;
    @Inject
    SourceKinds kinds;
    @Inject
    GatewayConfig config;

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CloudEvent.BATCH_MEDIA_TYPE })
    @Operation(summary = "List events, newest first by default",
            description = "Filters are repeatable and/or comma-separated; values of one filter are OR-ed, filters"
                    + " are AND-ed. Pages follow the opaque nextCursor (also sent as a Link rel=next header and a"
                    + " Next-Cursor header). With format=cloudevents or Accept: application/cloudevents-batch+json"
                    + " the answer is a JSON array of CloudEvents.")
    @APIResponse(responseCode = "200", description = "A page of events",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventPage.class)),
                    @Content(mediaType = CloudEvent.BATCH_MEDIA_TYPE,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = CloudEvent.class)) })
    @APIResponse(responseCode = "400", description = "A parameter is wrong; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(@Context UriInfo uri, @Context HttpHeaders headers,
            @Parameter(description = "Source kind(s): kantata, worksection, onehub") @QueryParam("source") List<String> source,
            @Parameter(description = "Configured connection name(s)") @QueryParam("connection") List<String> connection,
            @Parameter(description = "Normalized type(s): created, updated, deleted, closed, reopened, viewed,"
                    + " downloaded, uploaded, invited, other") @QueryParam("type") List<String> type,
            @Parameter(description = "Native action/type string(s)") @QueryParam("sourceType") List<String> sourceType,
            @Parameter(description = "Object type(s), lower snake case") @QueryParam("objectType") List<String> objectType,
            @Parameter(description = "Object id(s)") @QueryParam("objectId") List<String> objectId,
            @Parameter(description = "Actor id(s)") @QueryParam("actorId") List<String> actorId,
            @Parameter(description = "Container (project/workspace) id(s)") @QueryParam("containerId") List<String> containerId,
            @Parameter(description = "occurredAt >= since; ISO-8601 with offset") @QueryParam("since") String since,
            @Parameter(description = "occurredAt < until; ISO-8601 with offset") @QueryParam("until") String until,
            @Parameter(description = "Text the summary contains, ignoring case (up to 200 characters)")
            @QueryParam("q") String q,
            @Parameter(description = "Page size, 1..1000", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "occurred_desc (default) or occurred_asc") @QueryParam("order") String order,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "raw: add the upstream record") @QueryParam("include") String include,
            @Parameter(description = "json (default) or cloudevents") @QueryParam("format") String format) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        List<Problem.InvalidParam> errors = new ArrayList<>();
        FilterParams.rejectUnknown(query, LIST_PARAMS, "this endpoint", errors);
        EventFormat eventFormat = EventFormat.of(query, headers, CloudEvent.BATCH_MEDIA_TYPE, errors);
        EventFilter filter = FilterParams.parse(query, kinds.names(), errors);
        int pageSize = FilterParams.limit(query, config.api().defaultLimit(), config.api().maxLimit(), errors);
        EventOrder eventOrder = order(query, errors);
        boolean includeRaw = includeRaw(query, errors);
        PagePosition after = cursor(query, eventOrder, filter, errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParams(errors);
        }
        List<EventEntity> rows = queries.page(filter, eventOrder, after, pageSize + 1);
        boolean more = rows.size() > pageSize;
        List<EventEntity> page = more ? rows.subList(0, pageSize) : rows;
        List<EventView> items = page.stream().map(e -> EventView.of(e, includeRaw)).toList();
        String next = more ? new PageCursor(eventOrder, PagePosition.of(page.get(page.size() - 1)),
                FilterParams.key(filter)).encode() : null;
        Response.ResponseBuilder response = eventFormat == EventFormat.CLOUDEVENTS
                ? Response.ok(items.stream().map(CloudEvent::of).toList(), CloudEvent.BATCH_MEDIA_TYPE)
                : Response.ok(new EventPage(items, next), MediaType.APPLICATION_JSON);
        if (next != null) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build()
                    + ">; rel=\"next\"");
            response.header(NEXT_CURSOR_HEADER, next);
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    @Produces({ MediaType.APPLICATION_JSON, CloudEvent.MEDIA_TYPE })
    @Operation(summary = "One event by id",
            description = "With format=cloudevents or Accept: application/cloudevents+json, as a CloudEvent.")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)),
            @Content(mediaType = CloudEvent.MEDIA_TYPE, schema = @Schema(implementation = CloudEvent.class)) })
    @APIResponse(responseCode = "404", description = "No event has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers,
            @Parameter(description = "raw: add the upstream record") @QueryParam("include") String include,
            @Parameter(description = "json (default) or cloudevents") @QueryParam("format") String format) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        List<Problem.InvalidParam> errors = new ArrayList<>();
        FilterParams.rejectUnknown(query, GET_PARAMS, "this endpoint", errors);
        boolean includeRaw = includeRaw(query, errors);
        EventFormat eventFormat = EventFormat.of(query, headers, CloudEvent.MEDIA_TYPE, errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParams(errors);
        }
        EventView view = queries.byId(id).map(e -> EventView.of(e, includeRaw))
                .orElseThrow(() -> ApiProblemException.notFound("No event has id '" + id + "'."));
        return eventFormat == EventFormat.CLOUDEVENTS ? Response.ok(CloudEvent.of(view), CloudEvent.MEDIA_TYPE).build()
                : Response.ok(view, MediaType.APPLICATION_JSON).build();
    }

    private static EventOrder order(MultivaluedMap<String, String> query, List<Problem.InvalidParam> errors) {
        String value = FilterParams.single(query, "order", errors);
        if (value == null) {
            return EventOrder.OCCURRED_DESC;
        }
        return EventOrder.fromWireName(value).orElseGet(() -> {
            errors.add(new Problem.InvalidParam("order", "'" + value + "' is not an order; occurred_desc or"
                    + " occurred_asc"));
            return EventOrder.OCCURRED_DESC;
        });
    }

    static boolean includeRaw(MultivaluedMap<String, String> query, List<Problem.InvalidParam> errors) {
        if (!query.containsKey("include")) {
            return false;
        }
        boolean raw = false;
        for (String value : FilterParams.values(query, "include", errors)) {
            if (value.equals("raw")) {
                raw = true;
            } else {
                errors.add(new Problem.InvalidParam("include", "'" + value + "' cannot be included; only raw"));
            }
        }
        return raw;
    }

    private static PagePosition cursor(MultivaluedMap<String, String> query, EventOrder order, EventFilter filter,
            List<Problem.InvalidParam> errors) {
        String value = FilterParams.single(query, "cursor", errors);
        if (value == null) {
            return null;
        }
        PageCursor cursor = PageCursor.decode(value).orElse(null);
        if (cursor == null) {
            errors.add(new Problem.InvalidParam("cursor", "is not a cursor this API issued; pass nextCursor as is"));
            return null;
        }
        if (cursor.order() != order) {
            errors.add(new Problem.InvalidParam("cursor", "was issued for order=" + cursor.order().wireName()
                    + "; keep the order while paging"));
        } else if (!cursor.filterKey().equals(FilterParams.key(filter))) {
            errors.add(new Problem.InvalidParam("cursor", "was issued for other filters; keep the filters while"
                    + " paging, or start again without a cursor"));
        }
        return cursor.after();
    }
}
