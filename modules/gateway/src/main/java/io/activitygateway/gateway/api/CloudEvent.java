package io.activitygateway.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An event as a CloudEvents 1.0 structured-mode JSON event (docs/feed.md, "CloudEvents"). The mapping:
 * {@code source} = {@code urn:activity-gateway:<source kind>:<connection>}, {@code type} =
 * {@code io.activitygateway.<source kind>.<object type>.<type>}, {@code subject} = {@code <object type>/<object id>},
 * {@code time} = occurredAt, {@code sequence} = the seq, zero-padded to 19 digits so that it orders as text too
 * (the sequence extension asks for a lexicographically orderable string), {@code data} = the unified event.
 */
@JsonPropertyOrder({ "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "sequence",
        "data" })
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "CloudEvent", description = "A CloudEvents 1.0 structured-mode event whose data is the unified event")
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String sequence,
        EventView data) {

    public static final String MEDIA_TYPE = "application/cloudevents+json";
    public static final String BATCH_MEDIA_TYPE = "application/cloudevents-batch+json";
    public static final String TYPE_PREFIX = "io.activitygateway.";
    public static final String SOURCE_PREFIX = "urn:activity-gateway:";

    public static CloudEvent of(EventView e) {
        String objectType = e.object() == null ? null : e.object().type();
        String objectId = e.object() == null ? null : e.object().id();
        String subject = objectType == null ? objectId
                : objectId == null ? objectType : objectType + "/" + objectId;
        return new CloudEvent("1.0", e.id(),
                SOURCE_PREFIX + uriPart(e.source()) + ":" + uriPart(e.connection()),
                TYPE_PREFIX + typePart(e.source()) + "." + typePart(objectType) + "." + typePart(e.type()),
                subject, e.occurredAt(), "application/json", sequence(e.seq()), e);
    }

    /**
     * The seq zero-padded to 19 digits. Not String.format, nor a regex below: a sink encodes every event it sends
     * through here, and those two cost more than the rest of the mapping.
     */
    static String sequence(long seq) {
        String digits = Long.toString(seq);
        return digits.length() >= 19 ? digits : "0".repeat(19 - digits.length()) + digits;
    }

    /** Lower case letters, digits, '_' and '-'; anything else becomes '_', and nothing becomes "unknown". */
    private static String typePart(String value) {
        if (value == null || value.isBlank()) {
            return "unknown";
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if (!typeChar(lower.charAt(i))) {
                return NOT_TYPE_CHAR.matcher(lower).replaceAll("_");
            }
        }
        return lower;
    }

    private static final java.util.regex.Pattern NOT_TYPE_CHAR = java.util.regex.Pattern.compile("[^a-z0-9_-]");

    private static boolean typeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private static String uriPart(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
