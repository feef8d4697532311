package io.activitygateway.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.activitygateway.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * Checks every request before anything else sees it, so that what Vert.x or JAX-RS would refuse with a bare status
 * (or a 500) is answered as problem+json naming what is wrong: a request target over
 * {@code gateway.api.max-uri-length} (414), headers over {@code gateway.api.max-header-size} (431), a target that
 * is no URI ({@code {}}, {@code |}, a space) or has a malformed percent-encoding (400, naming the parameter).
 * <p>
 * Quarkus's own URI check answers a bare 400 before any route; {@link GatewayMain} turns it off
 * ({@code vertx.disableURIValidation}) so that this guard answers instead. Vert.x's own limits
 * ({@code quarkus.http.limits.*}) stay as a far larger backstop: only what exceeds them gets Netty's bare answer.
 * <p>
 * A literal {@code ;} in the query is data, not a separator: it is re-encoded as {@code %3B} before the query is
 * parsed, so {@code objectId=a;b} means the object id "a;b".
 */
@ApplicationScoped
public class RequestGuard {

    /** Before CORS (300) and access control (200): nothing should parse a request this guard would refuse. */
    static final int PRIORITY = 10_000;
    private static final String REROUTED = RequestGuard.class.getName() + ".rerouted";

    @Inject
    GatewayConfig config;
    @Inject
    ObjectMapper json;

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String target = request.uri();
        int maxUri = config.api().maxUriLength();
        if (target.length() > maxUri) {
            problem(rc, 414, "uri-too-long", "URI too long", "The request target has " + target.length()
                    + " characters; at most " + maxUri + " are accepted (gateway.api.max-uri-length). Narrow the"
                    + " query, e.g. fewer values per filter.", null);
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        int maxHeaders = config.api().maxHeaderSize();
        if (headerBytes > maxHeaders) {
            problem(rc, 431, "headers-too-large", "Request header fields too large", "The request's headers take "
                    + headerBytes + " bytes; at most " + maxHeaders + " are accepted (gateway.api.max-header-size).",
                    null);
            return;
        }
        String accept = request.getHeader("Accept");
        if (accept != null && accept.isBlank()) {
            // An empty Accept says nothing (RFC 9110 12.5.1 reads it as "anything"); JAX-RS would fail to parse it.
            request.headers().remove("Accept");
        }
        int queryStart = target.indexOf('?');
        String path = queryStart < 0 ? target : target.substring(0, queryStart);
        String query = queryStart < 0 ? null : target.substring(queryStart + 1);
        int badInPath = badEscape(path);
        if (badInPath >= 0) {
            problem(rc, 400, "invalid-uri", "Invalid request URI", "The path has a malformed percent-encoding at"
                    + " character " + badInPath + ": '%' must be followed by two hexadecimal digits (write '%25' for"
                    + " a literal '%').", null);
            return;
        }
        if (query != null) {
            List<Problem.InvalidParam> errors = new java.util.ArrayList<>();
            for (String pair : query.split("&", -1)) {
                int at = badEscape(pair);
                if (at >= 0) {
                    int eq = pair.indexOf('=');
                    String name = eq < 0 ? pair : pair.substring(0, eq);
                    if (badEscape(name) >= 0) {
                        name = name.replaceAll("%(?![0-9A-Fa-f]{2})", "%25");
                    }
                    errors.add(new Problem.InvalidParam(name, "has a malformed percent-encoding: '%' must be"
                            + " followed by two hexadecimal digits (write '%25' for a literal '%')"));
                }
            }
            if (!errors.isEmpty()) {
                problem(rc, 400, "invalid-parameter", "Invalid request parameter", errors.size() == 1
                        ? "Parameter '" + errors.get(0).name() + "' " + errors.get(0).reason()
                        : errors.size() + " parameters have a malformed percent-encoding", errors);
                return;
            }
        }
        try {
            new URI(target);
        } catch (URISyntaxException e) {
            problem(rc, 400, "invalid-uri", "Invalid request URI", "The request target is not a valid URI: "
                    + e.getReason() + " at character " + e.getIndex() + ". Characters such as space, '{', '}', '|',"
                    + " '\"', '<', '>', '\\', '^' and '`' must be percent-encoded.", null);
            return;
        }
        if (query != null && query.indexOf(';') >= 0 && rc.get(REROUTED) == null) {
            // Vert.x's query decoder would split at ';'; rerouting with it encoded keeps it part of the value.
            rc.put(REROUTED, Boolean.TRUE);
            rc.reroute(request.method(), path + "?" + query.replace(";", "%3B"));
            return;
        }
        rc.next();
    }

    /** Where the first '%' not followed by two hex digits is, or -1. */
    static int badEscape(String text) {
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length() || !hex(text.charAt(i + 1)) || !hex(text.charAt(i + 2))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private void problem(RoutingContext rc, int status, String slug, String title, String detail,
            List<Problem.InvalidParam> params) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        String instance = rc.request().path();
        int q = instance == null ? -1 : instance.indexOf('?');
        String body;
        try {
            body = json.writeValueAsString(new Problem(Problem.TYPE_PREFIX + slug, title, status, detail,
                    instance == null || instance.length() > 512 || badEscape(instance) >= 0 ? null
                            : q < 0 ? instance : instance.substring(0, q), params));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // The connection may hold more of a request this size; closing it keeps a bad client from reusing it.
        if (status == 414 || status == 431) {
            rc.response().putHeader("Connection", "close");
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store").end(body);
    }
}
