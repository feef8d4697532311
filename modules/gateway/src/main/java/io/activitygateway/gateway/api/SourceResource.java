package io.activitygateway.gateway.api;

import io.activitygateway.gateway.lease.InstanceLeases;
import io.activitygateway.gateway.lease.LeaseHolder;
import io.activitygateway.gateway.poll.PollScheduler;
import io.activitygateway.gateway.source.Connection;
import io.activitygateway.gateway.source.Connections;
import io.activitygateway.gateway.source.InvalidConnectionException;
import io.activitygateway.gateway.source.ManagedConnections;
import io.activitygateway.gateway.source.ReadOnlyConnectionException;
import io.activitygateway.gateway.store.SourceStateEntity;
import io.activitygateway.gateway.store.SourceStates;
import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.Durations;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sources", description = "Connections (from configuration or managed through the API) and how their"
        + " polling goes")
public class SourceResource {

    private static final int GAPS_SHOWN = 20;
    private static final int PROBLEMS_SHOWN = 100;

    @Inject
    Connections connections;
    @Inject
    PollScheduler scheduler;
    @Inject
    SourceStates states;
    @Inject
    InstanceLeases leases;
    @Inject
    ManagedConnections managed;

    @GET
    @Operation(summary = "Every configured connection with its status")
    public List<SourceView> list(@Context UriInfo uri) {
        noParameters(uri, "GET /api/v1/sources");
        return connections.all().stream().map(this::view).toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One connection with its status")
    @APIResponse(responseCode = "404", description = "No connection has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SourceView get(@PathParam("name") String name, @Context UriInfo uri) {
        noParameters(uri, "GET /api/v1/sources/{name}");
        return view(find(name));
    }

    @POST
    @Path("{name}/poll")
    @Operation(summary = "Poll the connection now",
            description = "Starts a poll at once. Requests while a poll runs share one poll right after it; requests within"
                    + " gateway.polling.poll-now-min-interval of a poll's start share one poll at the end of that"
                    + " interval, so asking often never multiplies upstream traffic. Also resumes a connection whose"
                    + " credentials were refused, once they are fixed.")
    @APIResponse(responseCode = "202", description = "The poll is scheduled")
    @APIResponse(responseCode = "409", description = "The connection is disabled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response poll(@PathParam("name") String name, @Context UriInfo uri) {
        noParameters(uri, "POST /api/v1/sources/{name}/poll");
        Connection connection = find(name);
        if (!scheduler.pollNow(name)) {
            throw ApiProblemException.conflict("Connection '" + name + "' is disabled (gateway.sources." + name
                    + ".enabled=false); it is never polled.");
        }
        return Response.accepted(view(connection)).build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a connection managed through the API",
            description = "The body holds the connection's keys exactly as configuration names them below"
                    + " gateway.sources.<name> (kind, base-url, enabled, poll-interval, token, api-key, the kind's own"
                    + " keys), and is validated as start-up validates configuration: every problem at once, each"
                    + " naming its key. Secrets (token, api-key) are write-only: a secret left out keeps the stored"
                    + " one, null removes it. \"enabled\": false disables the connection. Takes effect on this instance at"
                    + " once and on the others within gateway.connections.reload-every.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "400", description = "Invalid keys, each named in invalid-params",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The connection comes from configuration and is read-only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("name") String name, Map<String, Object> body, @Context UriInfo uri)
            throws SQLException {
        if (body == null) {
            throw ApiProblemException.invalidParams(List.of(new Problem.InvalidParam("body",
                    "must be a JSON object of the connection's keys, e.g. {\"kind\": \"kantata\", \"token\": \"…\"}")));
        }
        boolean created;
        try {
            created = managed.put(name, body);
        } catch (ReadOnlyConnectionException e) {
            throw ApiProblemException.conflict(e.getMessage());
        } catch (InvalidConnectionException e) {
            throw ApiProblemException.invalidParams(e.problems().stream().map(p -> param(name, p)).toList());
        }
        SourceView view = view(find(name));
        return created ? Response.created(uri.getAbsolutePath()).entity(view).build() : Response.ok(view).build();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a connection managed through the API",
            description = "Stops its polling on every instance (within gateway.connections.reload-every) and forgets its"
                    + " checkpoint and status; the events it stored stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No connection has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The connection comes from configuration and is read-only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("name") String name) throws SQLException {
        boolean deleted;
        try {
            deleted = managed.delete(name);
        } catch (ReadOnlyConnectionException e) {
            throw ApiProblemException.conflict(e.getMessage());
        }
        if (!deleted) {
            find(name);
        }
        return Response.noContent().build();
    }

    /** {@code gateway.sources.<name>.<key>: reason} becomes the parameter {@code <key>} with that reason. */
    static Problem.InvalidParam param(String name, String problem) {
        String prefix = "gateway.sources." + name;
        int colon = problem.indexOf(": ");
        if (problem.startsWith(prefix) && colon > 0) {
            String key = problem.substring(prefix.length(), colon);
            return new Problem.InvalidParam(key.startsWith(".") ? key.substring(1) : "name",
                    problem.substring(colon + 2));
        }
        return new Problem.InvalidParam("body", problem);
    }

    @GET
    @Path("{name}/record-problems")
    @Operation(summary = "Upstream records of this connection that could not be (fully) read, newest first")
    public List<RecordProblemView> problems(@PathParam("name") String name, @Context UriInfo uri,
            @Parameter(description = "1..1000, default 100") @QueryParam("limit") String limit) {
        List<Problem.InvalidParam> errors = new ArrayList<>();
        FilterParams.rejectUnknown(uri.getQueryParameters(), List.of("limit"),
                "GET /api/v1/sources/{name}/record-problems", errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParams(errors);
        }
        find(name);
        int n = FilterParams.limit(uri.getQueryParameters(), PROBLEMS_SHOWN, 1000, errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParams(errors);
        }
        return states.problems(name, n).stream().map(RecordProblemView::of).toList();
    }

    private static void noParameters(UriInfo uri, String where) {
        List<Problem.InvalidParam> errors = new ArrayList<>();
        FilterParams.rejectUnknown(uri.getQueryParameters(), List.of(), where, errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParams(errors);
        }
    }

    private Connection find(String name) {
        return connections.find(name).orElseThrow(() -> ApiProblemException.notFound("No connection is called '"
                + name + "'; configured: " + connections.all().stream().map(Connection::name).toList()));
    }

    private SourceView view(Connection c) {
        ConnectionSettings s = c.settings();
        SourceStateEntity state = states.find(c.name()).orElse(null);
        List<SourceView.GapView> gaps = new ArrayList<>();
        states.gaps(c.name(), GAPS_SHOWN).forEach(g -> gaps.add(SourceView.GapView.of(g)));
        return new SourceView(c.name(), c.kind().name(), c.enabled(), scheduler.state(c), s.baseUrl().toString(),
                Durations.format(s.pollInterval()), Durations.format(s.lookback()),
                Durations.format(s.initialWindow()),
                state == null ? null : state.lastPollStartedAt,
                state == null ? null : state.lastPollEndedAt,
                state == null ? null : state.lastSuccessAt,
                states.newestEvent(c.name()).orElse(null),
                scheduler.sourceClockOffset(c.name()).map(d -> Durations.format(d.truncatedTo(ChronoUnit.SECONDS)))
                        .orElse(null),
                state == null || state.lastErrorAt == null ? null
                        : new SourceView.LastError(state.lastErrorAt, state.lastError, state.lastErrorStatus),
                state == null ? 0 : state.consecutiveFailures,
                state == null ? 0 : state.eventsIngested,
                state == null ? null : state.checkpoint,
                state == null ? null : state.checkpointAt,
                scheduler.nextPollAt(c.name()).orElse(null),
                state == null || state.warnings == null ? "[]" : state.warnings,
                gaps,
                states.problemCount(c.name()),
                leases.holder(PollScheduler.leaseOf(c.name())).map(LeaseHolder::holder).orElse(null),
                connections.isConfigured(c.name()) ? "configuration" : "api",
                connections.isConfigured(c.name()) ? null : managed.settings(c.name()).orElse(null),
                connections.isConfigured(c.name()) ? secretsOf(s) : managed.secretNames(c.name()));
    }

    private static List<String> secretsOf(ConnectionSettings s) {
        List<String> names = new ArrayList<>();
        s.token().ifPresent(t -> names.add("token"));
        s.apiKey().ifPresent(t -> names.add("api-key"));
        return names;
    }
}
