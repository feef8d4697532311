package io.activitygateway.gateway.auth;

import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling: the API key that authenticated the request (directly, or through a stream token it issued), or
 * {@link #ANYONE} when access control is off. {@link AccessFilter} puts it on every request it lets through.
 *
 * @param keyId null for {@link #ANYONE}
 */
public record Caller(String keyId, String keyName, Scope scope) {

    /** Everyone, when access control is off ({@code gateway.auth.mode=open}). */
    public static final Caller ANYONE = new Caller(null, null, Scope.ADMIN);

    private static final String CONTEXT_KEY = "activity-gateway.caller";

    /** The caller of a request {@link AccessFilter} let through, or null if it needed no key. */
    public static Caller of(RoutingContext request) {
        return request.get(CONTEXT_KEY);
    }

    void attachTo(RoutingContext request) {
        request.put(CONTEXT_KEY, this);
    }

    public boolean accessControlled() {
        return keyId != null;
    }
}
