package io.activitygateway.source.worksection;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Json;
import io.activitygateway.spi.AuthenticationException;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@code get_events} answer: {@code {"status":"ok","data":[...]}} gives the records;
 * {@code {"status":"error","status_code":N,"message":"..."}} (sent with HTTP 200) becomes an exception the
 * gateway acts on; anything else is not the documented JSON and fails the poll.
 */
final class EventsResponseReader {

    private static final int SNIPPET = 200;

    /**
     * Words of an error message that mean the credentials were refused (Worksection's codes are not documented;
     * HTTP-like 401/403 codes count too). Retrying cannot help with those, so they stop polling; every other API
     * error (an invalid period, an unknown project) only backs off.
     */
    private static final List<String> AUTH_WORDS = List.of("hash", "api key", "apikey", "auth", "access denied",
            "permission", "forbidden");

    private EventsResponseReader() {
    }

    /**
     * @param what the request in words, for messages (e.g. {@code get_events period=5m id_project=7})
     * @return the records of {@code data}, in the order sent
     */
    static List<JsonNode> records(SourceResponse response, String what) throws SourceException {
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new SourceException(what + " answered with something that is not JSON: " + snippet(response), e);
        }
        if (body == null || !body.isObject()) {
            throw new SourceException(what + " answered with something that is not a JSON object: "
                    + snippet(response));
        }
        String status = body.path("status").asText("");
        if (status.equals("error")) {
            throw apiError(body, what);
        }
        if (!status.equals("ok")) {
            throw new SourceException(what + " answered with status '" + status + "' instead of ok or error: "
                    + snippet(response));
        }
        JsonNode data = body.get("data");
        // An empty PHP array can come out as {} rather than [].
        if (data != null && data.isObject() && data.isEmpty()) {
            return List.of();
        }
        if (data == null || !data.isArray()) {
            throw new SourceException(what + " answered status ok without a data array: " + snippet(response));
        }
        List<JsonNode> records = new ArrayList<>(data.size());
        data.forEach(records::add);
        return records;
    }

    private static SourceException apiError(JsonNode body, String what) {
        String code = body.path("status_code").asText("?");
        String message = body.path("message").asText("").strip();
        String said = "Worksection answered " + what + " with error " + code
                + (message.isEmpty() ? "" : " \"" + message + "\"");
        String lower = message.toLowerCase(Locale.ROOT);
        if (code.equals("401") || code.equals("403") || AUTH_WORDS.stream().anyMatch(lower::contains)) {
            return new AuthenticationException(said + ": the request's hash was refused; check api-key (the"
                    + " account's admin API key) and base-url (the account's own address)", null);
        }
        return new SourceException(said);
    }

    private static String snippet(SourceResponse response) {
        String text = response.text().strip();
        return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
    }
}
