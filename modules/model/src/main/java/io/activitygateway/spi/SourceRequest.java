package io.activitygateway.spi;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A GET an adapter wants sent: a path below the connection's base URL, an ordered query and headers.
 * The query is encoded in one place ({@link #encodedQuery()}) so that an adapter signing it (Worksection's
 * {@code hash}) signs exactly the bytes that are sent.
 *
 * @param secretParams query parameters whose values must never be logged
 */
public record SourceRequest(String path, List<Param> query, Map<String, String> headers, Set<String> secretParams) {

    /** One query parameter; repeated names are allowed and keep their order. */
    public record Param(String name, String value) {
    }

    public SourceRequest {
        path = path == null ? "" : path;
        query = List.copyOf(query);
        headers = Map.copyOf(headers);
        secretParams = Set.copyOf(secretParams);
    }

    public static Builder get(String path) {
        return new Builder(path);
    }

    /** {@code name=value&...} with RFC 3986 percent-encoding (a space is {@code %20}), in the order given. */
    public String encodedQuery() {
        return query.stream().map(p -> encode(p.name()) + "=" + encode(p.value())).collect(Collectors.joining("&"));
    }

    /** The absolute URI: {@code baseUrl} joined with {@link #path()} by exactly one slash, plus the query. */
    public URI resolve(URI baseUrl) {
        String base = baseUrl.toString();
        String joined;
        if (path.isEmpty()) {
            joined = base;
        } else if (path.startsWith("http://") || path.startsWith("https://")) {
            joined = path;
        } else {
            joined = stripTrailingSlash(base) + "/" + (path.startsWith("/") ? path.substring(1) : path);
        }
        String q = encodedQuery();
        return URI.create(q.isEmpty() ? joined : joined + (joined.contains("?") ? "&" : "?") + q);
    }

    /** The value of the first parameter called {@code name}, or null. */
    public String param(String name) {
        return query.stream().filter(p -> p.name().equals(name)).map(Param::value).findFirst().orElse(null);
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
    }

    public static final class Builder {
        private final String path;
        private final List<Param> query = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Set<String> secretParams = new LinkedHashSet<>();

        private Builder(String path) {
            this.path = path;
        }

        public Builder param(String name, Object value) {
            if (value != null) {
                query.add(new Param(name, value.toString()));
            }
            return this;
        }

        /** One parameter per value, e.g. {@code workspaces[]=1&workspaces[]=2}. */
        public Builder params(String name, Collection<?> values) {
            values.forEach(v -> param(name, v));
            return this;
        }

        /** A parameter whose value is a credential: sent, never logged. */
        public Builder secretParam(String name, String value) {
            secretParams.add(name);
            return param(name, value);
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder bearer(Secret token) {
            return header("Authorization", "Bearer " + token.reveal());
        }

        public SourceRequest build() {
            return new SourceRequest(path, query, headers, secretParams);
        }
    }
}
