package io.activitygateway.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.gateway.auth.ApiKeys;
import io.activitygateway.gateway.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/keys}: creating, listing and revoking API keys (scope {@code admin}). */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access")
public class KeyResource {

    private static final int MAX_NAME = 100;
    private static final Set<String> FIELDS = Set.of("name", "scope");

    @Inject
    ApiKeys keys;

    @GET
    @Operation(summary = "Every API key, revoked ones included; never a key's secret")
    public List<AccessViews.Key> list() {
        return keys.all().stream().map(k -> AccessViews.Key.of(k, null)).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One API key")
    @APIResponse(responseCode = "404", description = "No key has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccessViews.Key get(@PathParam("id") String id) {
        return keys.find(id).map(k -> AccessViews.Key.of(k, null))
                .orElseThrow(() -> ApiProblemException.notFound("No API key has id '" + id + "'."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key",
            description = "The answer holds the key itself (field key), the only time it is shown: only its hash"
                    + " is stored.")
    @RequestBody(content = @Content(schema = @Schema(example = "{\"name\": \"grafana\", \"scope\": \"read\"}")))
    @APIResponse(responseCode = "201", description = "The key, with its secret",
            content = @Content(schema = @Schema(implementation = AccessViews.Key.class)))
    @APIResponse(responseCode = "400", description = "The body is wrong; the problem names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(JsonNode body, @Context UriInfo uri) {
        List<Problem.InvalidParam> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ApiProblemException.invalidParams(List.of(new Problem.InvalidParam("body",
                    "must be a JSON object like {\"name\": \"grafana\", \"scope\": \"read\"}")));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                errors.add(new Problem.InvalidParam(field, "is not a field of a key; it has name and scope"));
            }
        }
        String name = text(body, "name", errors);
        if (name != null && (name.isBlank() || name.length() > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl))) {
            errors.add(new Problem.InvalidParam("name", "must be 1 to " + MAX_NAME + " printable characters"));
        }
        String scopeName = text(body, "scope", errors);
        Scope scope = scopeName == null ? null : Scope.fromWireName(scopeName).orElse(null);
        if (scopeName != null && scope == null) {
            errors.add(new Problem.InvalidParam("scope", "'" + scopeName + "' is not a scope; read or admin"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParams(errors);
        }
        ApiKeys.NewKey created = keys.create(name.strip(), scope);
        return Response.created(uri.getAbsolutePathBuilder().path(created.row().id).build())
                .entity(AccessViews.Key.of(created.row(), created.secret())).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an API key",
            description = "At once on this instance, within gateway.auth.recheck-interval on the others. Its stream"
                    + " tokens die with it. The last active admin key cannot be revoked.")
    @APIResponse(responseCode = "204", description = "Revoked (or revoked before)")
    @APIResponse(responseCode = "409", description = "It is the last active admin key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response revoke(@PathParam("id") String id) {
        return switch (keys.revoke(id)) {
            case REVOKED, ALREADY_REVOKED -> Response.noContent().build();
            case NOT_FOUND -> throw ApiProblemException.notFound("No API key has id '" + id + "'.");
            case LAST_ADMIN_KEY -> throw ApiProblemException.conflict("Key '" + id + "' is the last active admin"
                    + " key; create another admin key first, or nobody could manage keys any more.");
        };
    }

    private static String text(JsonNode body, String field, List<Problem.InvalidParam> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            errors.add(new Problem.InvalidParam(field, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new Problem.InvalidParam(field, "must be a string"));
            return null;
        }
        return value.asText();
    }
}
