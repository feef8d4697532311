package io.activitygateway.gateway.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.activitygateway.gateway.api.Problem;
import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.config.GatewayConfig.Auth.AccessMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Lets a request through only with the key its path needs ({@link AccessRules}): {@code Authorization: Bearer <key>},
 * or on the stream {@code access_token=<stream token>}. Otherwise it answers 401 (no or no valid credential, with
 * {@code WWW-Authenticate: Bearer}) or 403 (a key without the scope) as problem+json, before any resource runs.
 * A credential checked recently is answered from memory; others are checked on a worker thread, never on the
 * event loop. Keys and tokens are never logged.
 */
@ApplicationScoped
public class AccessFilter {

    /** After Quarkus's CORS filter (300), so that preflights need no key and every 401 carries the CORS headers. */
    static final int PRIORITY = 200;
    static final String ACCESS_TOKEN = "access_token";
    private static final Logger LOG = Logger.getLogger(AccessFilter.class);
    private static final String REALM = "Bearer realm=\"activity-gateway\"";

    @Inject
    GatewayConfig config;
    @Inject
    ApiKeys keys;
    @Inject
    StreamTokens tokens;
    @Inject
    CallerCache cache;
    @Inject
    Vertx vertx;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/")
    String rootPath;
    @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q")
    String nonApplicationRoot;

    private AccessRules rules;
    private Counter unauthorized;
    private Counter forbidden;

    void register(@Observes Filters filters) {
        rules = new AccessRules(rootPath, nonApplicationRoot);
        unauthorized = denied("401");
        forbidden = denied("403");
        filters.register(this::handle, PRIORITY);
    }

    private Counter denied(String status) {
        return Counter.builder("gateway.api.access.denied").tag("status", status)
                .description("Requests refused by access control: 401 no valid credential, 403 scope too small")
                .register(meters);
    }

    private void handle(RoutingContext rc) {
        if (config.auth().mode() == AccessMode.OPEN) {
            Caller.ANYONE.attachTo(rc);
            rc.next();
            return;
        }
        HttpServerRequest request = rc.request();
        Optional<Scope> needed = rules.required(request.method(), request.path());
        if (needed.isEmpty()) {
            rc.next();
            return;
        }
        String header = request.getHeader("Authorization");
        String token = request.getParam(ACCESS_TOKEN);
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
                unauthorized(rc, false, "The Authorization header must be 'Bearer <API key>'.");
                return;
            }
            check(rc, Credentials.hash(header.substring(7).strip()), false, needed.get());
        } else if (token != null) {
            if (!rules.isStream(request.method(), request.path())) {
                unauthorized(rc, false, "access_token only opens the stream (GET /api/v1/events/stream); other"
                        + " calls need 'Authorization: Bearer <API key>'.");
                return;
            }
            check(rc, Credentials.hash(token.strip()), true, needed.get());
        } else {
            unauthorized(rc, false, "This call needs an API key: send 'Authorization: Bearer <API key>'. A browser"
                    + " opening the stream passes a stream token instead (POST /api/v1/stream-tokens, then"
                    + " access_token=<token>).");
        }
    }

    /** Finds who the hashed credential stands for (memory first, else the database off the event loop). */
    private void check(RoutingContext rc, String hash, boolean streamToken, Scope needed) {
        String cacheKey = (streamToken ? "t:" : "k:") + hash;
        Optional<Caller> known = cache.get(cacheKey, clock.instant());
        if (known.isPresent()) {
            authorize(rc, known.get(), needed);
            return;
        }
        HttpServerRequest request = rc.request();
        request.pause();
        Future<Optional<Caller>> lookup = vertx.executeBlocking(() -> lookUp(cacheKey, hash, streamToken), false);
        lookup.onComplete(result -> {
            request.resume();
            if (result.failed()) {
                LOG.warnf("access: could not check a credential for %s: %s", request.path(), result.cause());
                problem(rc, 503, "unavailable", "Service unavailable", "The gateway could not check the"
                        + " credential (its database did not answer); try again shortly.", null);
            } else if (result.result().isEmpty()) {
                unauthorized(rc, true, streamToken
                        ? "The stream token is not valid or has expired; get a new one with POST"
                                + " /api/v1/stream-tokens."
                        : "The API key is not valid: unknown or revoked.");
            } else {
                authorize(rc, result.result().get(), needed);
            }
        });
    }

    private Optional<Caller> lookUp(String cacheKey, String hash, boolean streamToken) {
        Instant now = clock.instant();
        Instant recheck = now.plus(config.auth().recheckInterval());
        if (streamToken) {
            return tokens.authenticate(hash).map(valid -> {
                cache.put(cacheKey, valid.caller(), valid.expiresAt().isBefore(recheck) ? valid.expiresAt() : recheck,
                        now);
                return valid.caller();
            });
        }
        Optional<Caller> caller = keys.authenticate(hash);
        caller.ifPresent(c -> cache.put(cacheKey, c, recheck, now));
        return caller;
    }

    private void authorize(RoutingContext rc, Caller caller, Scope needed) {
        if (!caller.scope().includes(needed)) {
            forbidden.increment();
            problem(rc, 403, "forbidden", "Forbidden", "This call needs an API key with scope '"
                    + needed.wireName() + "'; this key ('" + caller.keyName() + "') has scope '"
                    + caller.scope().wireName() + "'.", null);
            return;
        }
        caller.attachTo(rc);
        rc.next();
    }

    private void unauthorized(RoutingContext rc, boolean invalid, String detail) {
        unauthorized.increment();
        problem(rc, 401, "unauthorized", "Unauthorized", detail, invalid ? REALM + ", error=\"invalid_token\"" : REALM);
    }

    private void problem(RoutingContext rc, int status, String slug, String title, String detail,
            String challenge) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(new Problem(Problem.TYPE_PREFIX + slug, title, status, detail,
                    rc.request().path(), null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store");
        if (challenge != null) {
            rc.response().putHeader("WWW-Authenticate", challenge);
        }
        rc.response().end(body);
    }
}
