package io.activitygateway.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One stored event on its way to a sink, as a CloudEvent (the same mapping as the API's
 * {@code format=cloudevents}, docs/feed.md): its context attributes and its {@code data}, the unified event JSON.
 * A sink chooses the protocol binding (Kafka headers, HTTP headers, structured or batch JSON) from these.
 *
 * @param seq        the store's commit order; the sink's position is a seq
 * @param id         the event id, also the CloudEvent {@code id}: the same for every delivery of the event, so
 *                   consumers deduplicate on it
 * @param ceSource   the CloudEvent {@code source} ({@code urn:activity-gateway:<kind>:<connection>})
 * @param ceType     the CloudEvent {@code type}
 * @param subject    the CloudEvent {@code subject} ({@code <object type>/<object id>}), may be null
 * @param time       when the activity occurred
 * @param ingestedAt when the gateway stored it, for the lag in seconds
 * @param data       the unified event as UTF-8 JSON (without {@code raw})
 */
public record OutboundEvent(
        long seq,
        String id,
        String source,
        String connection,
        String objectType,
        String objectId,
        String ceSource,
        String ceType,
        String subject,
        Instant time,
        Instant ingestedAt,
        byte[] data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    private static final JsonFactory JSON = new JsonFactory();
    private static final int SEQUENCE_DIGITS = 19;

    public OutboundEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
    }

    /** The CloudEvent {@code sequence}: the seq zero-padded to 19 digits, so it orders as text too. */
    public String sequence() {
        // Not String.format: this runs for every event a sink sends, and format costs more than the rest of it.
        String digits = Long.toString(seq);
        return digits.length() >= SEQUENCE_DIGITS ? digits : "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits;
    }

    /** {@code <source>:<object type>:<object id>}: one object's events share it, the default record key. */
    public String objectKey() {
        return source + ":" + objectType + ":" + objectId;
    }

    /**
     * The context attributes in the spec's order, as strings ({@code time} in RFC 3339), absent ones left out;
     * {@code datacontenttype} included.
     */
    public Map<String, String> attributes() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("specversion", SPEC_VERSION);
        a.put("id", id);
        a.put("source", ceSource);
        a.put("type", ceType);
        if (subject != null) {
            a.put("subject", subject);
        }
        if (time != null) {
            a.put("time", time.toString());
        }
        a.put("datacontenttype", DATA_CONTENT_TYPE);
        a.put("sequence", sequence());
        return a;
    }

    /** The event in CloudEvents structured JSON ({@code application/cloudevents+json}), {@code data} inline. */
    public byte[] structured() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 400);
        writeStructured(out);
        return out.toByteArray();
    }

    /** Writes {@link #structured()} to {@code out}, for batches that put many in one body. */
    public void writeStructured(ByteArrayOutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> a : attributes().entrySet()) {
                g.writeStringField(a.getKey(), a.getValue());
            }
            g.writeFieldName("data");
            g.writeRawValue(new String(data, java.nio.charset.StandardCharsets.UTF_8));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
