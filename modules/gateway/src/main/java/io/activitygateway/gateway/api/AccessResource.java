package io.activitygateway.gateway.api;

import io.activitygateway.gateway.auth.Caller;
import io.activitygateway.gateway.auth.StreamTokens;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own access: who am I, and a token to open the stream from a browser. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access", description = "API keys, who is calling, stream tokens")
public class AccessResource {

    @Inject
    StreamTokens tokens;

    @GET
    @Path("me")
    @Operation(summary = "The scope of the calling key, and whether access control is on",
            description = "With access control off, everyone is admin.")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(schema = @Schema(implementation = AccessViews.Me.class)))
    @APIResponse(responseCode = "401", description = "No valid key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccessViews.Me me(@Context RoutingContext request) {
        Caller caller = caller(request);
        return new AccessViews.Me(caller.scope().wireName(), caller.accessControlled());
    }

    @POST
    @Path("stream-tokens")
    @Operation(summary = "A short-lived token that opens the event stream",
            description = "For clients that cannot send an Authorization header (EventSource): pass it as"
                    + " access_token=<token> to GET /api/v1/events/stream. It opens streams on every instance until"
                    + " it expires, and nothing else.")
    @APIResponse(responseCode = "201", description = "The token",
            content = @Content(schema = @Schema(implementation = AccessViews.StreamToken.class)))
    public Response streamToken(@Context RoutingContext request) {
        StreamTokens.Issued issued = tokens.issue(caller(request));
        return Response.status(201).entity(new AccessViews.StreamToken(issued.token(), issued.expiresAt())).build();
    }

    /** The caller the access filter attached; none means the filter let the request through as public. */
    static Caller caller(RoutingContext request) {
        Caller caller = Caller.of(request);
        if (caller == null) {
            throw new IllegalStateException("no caller on " + request.request().path() + "; the access filter did"
                    + " not see this request");
        }
        return caller;
    }
}
