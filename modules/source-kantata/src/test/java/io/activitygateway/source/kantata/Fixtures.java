package io.activitygateway.source.kantata;

import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Response bodies shaped like the vendor's samples, from {@code src/test/resources/kantata}. */
final class Fixtures {

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/kantata/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceResponse response(String body) {
        return new SourceResponse(200, Map.of("content-type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static EventsPage page(String name) throws SourceException {
        return EventsPage.parse(response(text(name)));
    }
}
