package io.activitygateway.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Set;

/** The CloudEvents 1.0 rules for a structured-mode JSON event, and our documented mapping (docs/feed.md). */
public final class CloudEventAssertions {

    private static final Set<String> ATTRIBUTES = Set.of("specversion", "id", "source", "type", "subject", "time",
            "datacontenttype", "sequence", "data");

    private CloudEventAssertions() {
    }

    /** Checks {@code ce} against the spec and against the unified {@code event} it wraps. */
    public static void assertValidCloudEvent(JsonNode ce, JsonNode event) {
        for (String required : new String[] { "id", "source", "specversion", "type" }) {
            assertTrue(ce.path(required).isTextual() && !ce.path(required).asText().isEmpty(),
                    required + " is a non-empty string: " + ce);
        }
        assertEquals("1.0", ce.path("specversion").asText());
        for (Iterator<String> names = ce.fieldNames(); names.hasNext();) {
            String name = names.next();
            assertTrue(name.matches("[a-z0-9]{1,20}"), "attribute names are lower-case alphanumerics: " + name);
            assertTrue(ATTRIBUTES.contains(name), "no unexpected attribute: " + name);
            if (!name.equals("data")) {
                assertTrue(ce.path(name).isTextual(), name + " is a string");
            }
        }
        URI source = URI.create(ce.path("source").asText());
        assertTrue(source.isAbsolute(), "source is absolute, as recommended");
        assertEquals("urn:activity-gateway:" + event.path("source").asText() + ":" + event.path("connection").asText(),
                ce.path("source").asText());
        assertEquals(event.path("id").asText(), ce.path("id").asText());
        assertEquals("io.activitygateway." + event.path("source").asText() + "." + event.path("object").path("type")
                .asText() + "." + event.path("type").asText(), ce.path("type").asText());
        assertEquals(event.path("object").path("type").asText() + "/" + event.path("object").path("id").asText(),
                ce.path("subject").asText());
        assertEquals(OffsetDateTime.parse(ce.path("time").asText()).toInstant(),
                Instant.parse(event.path("occurredAt").asText()), "time is RFC 3339 and is occurredAt");
        assertEquals("application/json", ce.path("datacontenttype").asText());
        assertTrue(ce.path("sequence").asText().matches("[0-9]{19}"), "sequence orders as text");
        assertEquals(event.path("seq").asLong(), Long.parseLong(ce.path("sequence").asText()));
        assertEquals(event, ce.path("data"), "data is the unified event");
    }

}
