package io.activitygateway.source.onehub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The vendor's sample responses (src/test/resources/onehub) and items built in their shape. */
final class Fixtures {

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/onehub/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The first item of a sample page. */
    static JsonNode firstItem(String name) {
        return json(text(name)).get("items").get(0);
    }

    /** An item shaped like the documented sample, with the given detail (HTML, unescaped). */
    static JsonNode item(long id, String updatedAt, String detail) {
        var event = Json.mapper().createObjectNode().put("id", id).put("updated_at", updatedAt)
                .put("detail", detail).put("workspace_id", 4137).put("user_id", 481);
        var item = Json.mapper().createObjectNode();
        item.set("event", event);
        return item;
    }
}
