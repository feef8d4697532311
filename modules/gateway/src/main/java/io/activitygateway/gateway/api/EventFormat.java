package io.activitygateway.gateway.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/** How events are written: the unified event JSON, or CloudEvents 1.0 structured JSON. */
public enum EventFormat {
    JSON, CLOUDEVENTS;

    public static final String PARAM = "format";

    /**
     * The {@code format} parameter ({@code json} or {@code cloudevents}) when given; otherwise CloudEvents when the
     * Accept header prefers {@code cloudEventsType} to plain JSON; otherwise JSON.
     */
    public static EventFormat of(MultivaluedMap<String, String> query, HttpHeaders headers, String cloudEventsType,
            List<Problem.InvalidParam> errors) {
        String value = FilterParams.single(query, PARAM, errors);
        if (value != null) {
            switch (value) {
                case "json":
                    return JSON;
                case "cloudevents":
                    return CLOUDEVENTS;
                default:
                    errors.add(new Problem.InvalidParam(PARAM, "'" + value + "' is not a format; json or cloudevents"));
                    return JSON;
            }
        }
        if (headers != null) {
            MediaType cloudEvents = MediaType.valueOf(cloudEventsType);
            List<MediaType> acceptable;
            try {
                acceptable = headers.getAcceptableMediaTypes();
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.InvalidParam("Accept", "is not a list of media types (header: '"
                        + headers.getHeaderString("Accept") + "'); leave it out or ask for application/json"));
                return JSON;
            }
            for (MediaType accepted : acceptable) {
                if (accepted.getType().equalsIgnoreCase(cloudEvents.getType())
                        && accepted.getSubtype().equalsIgnoreCase(cloudEvents.getSubtype())) {
                    return CLOUDEVENTS;
                }
                if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                    return JSON;
                }
            }
        }
        return JSON;
    }
}
