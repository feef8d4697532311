package io.activitygateway.gateway.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the API as {@code application/problem+json}; a 500 never carries internals. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblemException e, UriInfo uri) {
        return respond(e.toProblem(uri.getRequestUri().getRawPath()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "There is nothing at " + uri.getRequestUri().getRawPath() + "; the API lives under /api/v1"
                    + " (see /q/openapi).";
            case 405 -> "This method is not allowed here.";
            case 406 -> "None of the accepted media types can be produced; ask for application/json.";
            case 415 -> "This media type is not accepted here.";
            default -> status >= 500 ? "The request could not be completed." : e.getMessage();
        };
        String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Response response = respond(new Problem(Problem.TYPE_PREFIX + slug, title, status, detail,
                uri.getRequestUri().getRawPath(), null));
        // A 405 says which methods are allowed (RFC 9110 15.5.6); JAX-RS puts them on the exception's response.
        String allow = status != 405 ? null : e.getResponse().getHeaderString("Allow") != null
                ? e.getResponse().getHeaderString("Allow") : AllowedMethods.on(uri.getPath());
        if (allow != null && !allow.isEmpty()) {
            return Response.fromResponse(response).header("Allow", allow).build();
        }
        return response;
    }

    /** A body that is not JSON, or JSON of another shape than the endpoint takes (an array for an object). */
    @ServerExceptionMapper({ com.fasterxml.jackson.core.JsonProcessingException.class,
            com.fasterxml.jackson.databind.exc.MismatchedInputException.class })
    public Response unreadableBody(Exception e, UriInfo uri) {
        return apiProblem(ApiProblemException.invalidParams(java.util.List.of(new Problem.InvalidParam("body",
                "is not the JSON this endpoint takes (a JSON object; see /q/openapi)"))), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected error serving %s", uri.getRequestUri().getRawPath());
        return respond(new Problem(Problem.TYPE_PREFIX + "internal-error", "Internal error", 500,
                "The gateway failed to answer; the error is in its log.", uri.getRequestUri().getRawPath(), null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
