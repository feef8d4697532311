package io.activitygateway.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A complete response; bodies are buffered so the fault layer can declare a length and then break it. */
public record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";

    public static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, Map.copyOf(more), body);
    }
}
