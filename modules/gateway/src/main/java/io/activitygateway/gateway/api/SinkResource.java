package io.activitygateway.gateway.api;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.lease.InstanceLeases;
import io.activitygateway.gateway.lease.LeaseHolder;
import io.activitygateway.gateway.sink.InvalidSinkException;
import io.activitygateway.gateway.sink.ManagedSinks;
import io.activitygateway.gateway.sink.ReadOnlySinkException;
import io.activitygateway.gateway.sink.SinkDefinition;
import io.activitygateway.gateway.sink.SinkPositions;
import io.activitygateway.gateway.sink.SinkScheduler;
import io.activitygateway.gateway.sink.SinkState;
import io.activitygateway.gateway.sink.SinkStatus;
import io.activitygateway.gateway.sink.Sinks;
import io.activitygateway.gateway.store.EventFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sinks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sinks", description = "Where the events are pushed (Kafka, webhooks): sinks from configuration or"
        + " managed through the API, delivery status, dead letters")
public class SinkResource {

    @Inject
    Sinks sinks;
    @Inject
    SinkScheduler scheduler;
    @Inject
    SinkPositions positions;
    @Inject
    io.activitygateway.gateway.feed.FeedHistory history;
    @Inject
    ManagedSinks managed;
    @Inject
    GatewayConfig config;
    @Inject
    InstanceLeases leases;

    @GET
    @Operation(summary = "Every sink (from configuration or managed through the API) with its delivery status")
    public List<SinkView> list() {
        long head = history.head();
        return sinks.all().stream().map(s -> view(s, head)).toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One sink with its delivery status")
    @APIResponse(responseCode = "404", description = "No sink has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SinkView get(@PathParam("name") String name) {
        return view(find(name), history.head());
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a sink managed through the API",
            description = "The body holds the sink's keys exactly as configuration names them below"
                    + " gateway.sinks.<name> (kind, enabled, start, the filters, max-attempts, retry-initial,"
                    + " retry-max, poll-interval, the kind's own keys such as url, secret, topic or producer.*), and"
                    + " is validated as start-up validates configured sinks: every problem at once, each naming its"
                    + " key. A filter may also be a JSON array. Secrets (the webhook's secret, Kafka passwords) are"
                    + " write-only: a secret left out keeps the stored one, null removes it. A replaced sink goes on"
                    + " from its position (start is read only while it has none). Takes effect on this instance at"
                    + " once and on the others within gateway.connections.reload-every; one instance at a time"
                    + " delivers it, under its lease.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "400", description = "Invalid keys, each named in invalid-params",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The sink comes from configuration and is read-only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("name") String name, Map<String, Object> body, @Context UriInfo uri)
            throws SQLException {
        if (body == null) {
            throw ApiProblemException.invalidParams(List.of(new Problem.InvalidParam("body",
                    "must be a JSON object of the sink's keys, e.g. {\"kind\": \"webhook\", \"url\": \"…\"}")));
        }
        boolean created;
        try {
            created = managed.put(name, body);
        } catch (ReadOnlySinkException e) {
            throw ApiProblemException.conflict(e.getMessage());
        } catch (InvalidSinkException e) {
            throw ApiProblemException.invalidParams(e.problems().stream().map(p -> param(name, p)).toList());
        }
        SinkView view = view(find(name), history.head());
        return created ? Response.created(uri.getAbsolutePath()).entity(view).build() : Response.ok(view).build();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a sink managed through the API",
            description = "Stops its delivery (here at once, on the instance delivering it within"
                    + " gateway.connections.reload-every) and forgets its position and dead letters; the events stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No sink has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The sink comes from configuration and is read-only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("name") String name) throws SQLException {
        boolean deleted;
        try {
            deleted = managed.delete(name);
        } catch (ReadOnlySinkException e) {
            throw ApiProblemException.conflict(e.getMessage());
        }
        if (!deleted) {
            find(name);
        }
        return Response.noContent().build();
    }

    /** {@code gateway.sinks.<name>.<key>: reason} becomes the parameter {@code <key>} with that reason. */
    static Problem.InvalidParam param(String name, String problem) {
        String prefix = "gateway.sinks." + name;
        int colon = problem.indexOf(": ");
        if (problem.startsWith(prefix) && colon > 0) {
            String key = problem.substring(prefix.length(), colon);
            return new Problem.InvalidParam(key.startsWith(".") ? key.substring(1) : "name",
                    problem.substring(colon + 2));
        }
        return new Problem.InvalidParam("body", problem);
    }

    @GET
    @Path("{name}/parked")
    @Operation(summary = "The sink's dead-letter list, oldest first")
    public List<ParkedView> parked(@PathParam("name") String name, @Context UriInfo uri,
            @Parameter(description = "1..1000, default 100") @QueryParam("limit") String limit) {
        find(name);
        List<Problem.InvalidParam> errors = new ArrayList<>();
        FilterParams.rejectUnknown(uri.getQueryParameters(), List.of("limit"), "GET /api/v1/sinks/{name}/parked",
                errors);
        int n = FilterParams.limit(uri.getQueryParameters(), 100, 1000, errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParams(errors);
        }
        return positions.parked(name, n).stream().map(ParkedView::of).toList();
    }

    @POST
    @Path("{name}/parked/{id}/replay")
    @Operation(summary = "Send a parked message again",
            description = "The sink sends it once more, out of order, as soon as it can; acknowledged, it leaves the"
                    + " list, failed, it stays with the new error. Needs an admin key.")
    @APIResponse(responseCode = "202", description = "The replay is scheduled")
    @APIResponse(responseCode = "404", description = "No such sink or parked message",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replay(@PathParam("name") String name, @PathParam("id") String id) {
        SinkDefinition sink = find(name);
        long parkedId = parkedId(name, id);
        if (!sink.enabled()) {
            throw ApiProblemException.conflict("Sink '" + name + "' is disabled; it replays nothing.");
        }
        positions.requestReplay(name, parkedId);
        scheduler.wake(name);
        return Response.accepted(ParkedView.of(positions.parked(name, parkedId).orElseThrow())).build();
    }

    @DELETE
    @Path("{name}/parked/{id}")
    @Operation(summary = "Discard a parked message for good. Needs an admin key.")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(responseCode = "404", description = "No such sink or parked message",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response discard(@PathParam("name") String name, @PathParam("id") String id) {
        find(name);
        long parkedId = parkedId(name, id);
        positions.remove(name, parkedId);
        return Response.noContent().build();
    }

    private long parkedId(String sink, String id) {
        long parkedId;
        try {
            parkedId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblemException.notFound("Sink '" + sink + "' has no parked message '" + id + "'");
        }
        if (positions.parked(sink, parkedId).isEmpty()) {
            throw ApiProblemException.notFound("Sink '" + sink + "' has no parked message " + parkedId);
        }
        return parkedId;
    }

    private SinkDefinition find(String name) {
        return sinks.find(name).orElseThrow(() -> ApiProblemException.notFound("No sink is called '" + name
                + "'; there are: " + sinks.all().stream().map(SinkDefinition::name).toList()));
    }

    private SinkView view(SinkDefinition s, long storeHead) {
        SinkStatus st = scheduler.status(s.name()).orElse(null);
        Long position = st == null ? null : st.position();
        if (position == null || st.state() == SinkState.STANDBY) {
            // Disabled, held by another instance, or a runner (just started or restarted) not yet at its position.
            position = positions.position(s.name()).orElse(null);
        }
        long lag = position == null ? 0 : Math.max(0, storeHead - position);
        return new SinkView(s.name(), s.kind().name(), s.enabled(),
                st == null ? SinkState.DISABLED.wireName() : st.state().wireName(), s.sink().target(),
                s.start().toString(), filter(s.filter()), s.maxAttempts(), position, storeHead, lag,
                st == null ? 0 : st.lagSeconds(), st == null ? null : st.lastSuccessAt(),
                st == null || st.lastErrorAt() == null ? null
                        : new SourceView.LastError(st.lastErrorAt(), st.lastError(), st.lastErrorStatus()),
                st == null ? 0 : st.consecutiveFailures(), st == null ? null : st.nextAttemptAt(),
                st == null ? 0 : st.deliveries(), st == null ? 0 : st.retries(),
                st == null ? 0 : st.parkedEvents(), st == null ? 0 : st.replayed(), positions.parkedCount(s.name()),
                leases.holder(s.leaseResource()).map(LeaseHolder::holder).orElse(null),
                sinks.isConfigured(s.name()) ? "configuration" : "api",
                sinks.isConfigured(s.name()) ? null : managed.settings(s.name()).orElse(null),
                sinks.isConfigured(s.name()) ? configuredSecrets(s) : managed.secretNames(s.name()));
    }

    /** The secrets a configured sink was given (inline or as a file), by name. */
    private List<String> configuredSecrets(SinkDefinition s) {
        GatewayConfig.SinkConfig c = config.sinks().get(s.name());
        if (c == null) {
            return List.of();
        }
        return c.keys().keySet().stream()
                .map(k -> k.endsWith("-file") && s.kind().secret(k.substring(0, k.length() - 5))
                        ? k.substring(0, k.length() - 5) : k)
                .filter(s.kind()::secret).distinct().sorted().toList();
    }

    private static Map<String, List<String>> filter(EventFilter f) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        put(out, "source", f.source());
        put(out, "connection", f.connection());
        put(out, "type", f.type());
        put(out, "sourceType", f.sourceType());
        put(out, "objectType", f.objectType());
        put(out, "objectId", f.objectId());
        put(out, "actorId", f.actorId());
        put(out, "containerId", f.containerId());
        return out;
    }

    private static void put(Map<String, List<String>> out, String name, List<String> values) {
        if (!values.isEmpty()) {
            out.put(name, values);
        }
    }
}
