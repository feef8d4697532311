package io.activitygateway.gateway.auth;

import io.vertx.core.http.HttpMethod;
import java.util.Locale;
import java.util.Optional;

/**
 * Which requests need which scope. Everything under {@code /api/} and under the non-application root
 * ({@code /q/}: the OpenAPI document and Swagger UI) needs a key: reading needs {@code read}; every call that
 * changes something, and managing keys, needs {@code admin}. The web page and its assets are public: they hold no
 * data. Health and metrics are on the management interface, which this rule does not cover.
 */
final class AccessRules {

    static final String STREAM = "/api/v1/events/stream";
    static final String STREAM_TOKENS = "/api/v1/stream-tokens";
    private static final String KEYS = "/api/v1/keys";

    private final String rootPath;
    private final String nonApplicationRoot;

    /**
     * @param rootPath {@code quarkus.http.root-path}
     * @param nonApplicationRoot {@code quarkus.http.non-application-root-path}, relative to the root path unless it
     *        starts with a slash
     */
    AccessRules(String rootPath, String nonApplicationRoot) {
        this.rootPath = normalize(rootPath);
        String q = nonApplicationRoot.strip();
        this.nonApplicationRoot = q.startsWith("/") ? normalize(q) : normalize(this.rootPath + "/" + q);
    }

    /** The scope a request needs, or empty when it is public. */
    Optional<Scope> required(HttpMethod method, String rawPath) {
        String full = normalize(rawPath);
        String path = inApplication(full);
        if (!under(path, "/api") && !under(full, nonApplicationRoot)) {
            return Optional.empty();
        }
        if (method == HttpMethod.OPTIONS) {
            // CORS preflights carry no credentials by design; an OPTIONS answer holds no data.
            return Optional.empty();
        }
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return Optional.of(under(path, KEYS) ? Scope.ADMIN : Scope.READ);
        }
        if (method == HttpMethod.POST && path.equals(STREAM_TOKENS)) {
            return Optional.of(Scope.READ);
        }
        return Optional.of(Scope.ADMIN);
    }

    /** Whether this is a request to open the stream: the one place a stream token is accepted. */
    boolean isStream(HttpMethod method, String rawPath) {
        return (method == HttpMethod.GET || method == HttpMethod.HEAD)
                && inApplication(normalize(rawPath)).equals(STREAM);
    }

    private String inApplication(String full) {
        if (rootPath.equals("/") || !under(full, rootPath)) {
            return full;
        }
        String rest = full.substring(rootPath.length());
        return rest.isEmpty() ? "/" : rest;
    }

    /**
     * Lower case, starting with one slash, repeated and trailing slashes removed: no spelling of a protected path
     * slips past the rule.
     */
    private static String normalize(String rawPath) {
        String path = ("/" + (rawPath == null ? "" : rawPath.strip())).replaceAll("/{2,}", "/")
                .toLowerCase(Locale.ROOT);
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static boolean under(String path, String prefix) {
        return prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
