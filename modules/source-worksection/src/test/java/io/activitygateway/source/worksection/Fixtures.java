package io.activitygateway.source.worksection;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** JSON fixtures shaped like the vendor's samples, from {@code src/test/resources/worksection}. */
final class Fixtures {

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/worksection/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code data} records of a fixture response. */
    static List<JsonNode> records(String name) {
        try {
            List<JsonNode> out = new ArrayList<>();
            Json.mapper().readTree(text(name)).path("data").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
