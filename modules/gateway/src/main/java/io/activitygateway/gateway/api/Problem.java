package io.activitygateway.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}.
 *
 * @param invalidParams for 400s: each parameter that is wrong and why (the RFC's own example extension)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        @JsonProperty("invalid-params") List<InvalidParam> invalidParams) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:activity-gateway:problem:";

    public record InvalidParam(String name, String reason) {
    }
}
