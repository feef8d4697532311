package io.activitygateway.sandbox.http;

import com.sun.net.httpserver.Headers;
import java.util.Optional;

/** One incoming request, already split into what the simulators look at. {@code path} is relative to the API prefix. */
public record Request(String method, String path, String rawQuery, Params params, Headers headers, byte[] body) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /** The token of an {@code Authorization: Bearer ...} header, if any. */
    public Optional<String> bearerToken() {
        return header("Authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip())
                .filter(t -> !t.isEmpty());
    }
}
