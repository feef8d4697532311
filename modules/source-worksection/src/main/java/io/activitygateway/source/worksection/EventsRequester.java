package io.activitygateway.source.worksection;

import io.activitygateway.spi.Secret;
import io.activitygateway.spi.SourceRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds the signed {@code get_events} request. Worksection's admin API authenticates by {@code hash}: the
 * lower-case hex MD5 of the query string exactly as sent (without {@code hash}) followed by the API key.
 */
final class EventsRequester {

    private final Secret apiKey;

    EventsRequester(Secret apiKey) {
        this.apiKey = apiKey;
    }

    /** {@code ?action=get_events&period=P[&id_project=N]&hash=H}, the base URL being the API root. */
    SourceRequest request(Period period, Scope scope) {
        SourceRequest.Builder builder = SourceRequest.get("")
                .param("action", "get_events")
                .param("period", period)
                .param("id_project", scope.projectId());
        String signed = builder.build().encodedQuery() + apiKey.reveal();
        return builder.secretParam("hash", md5Hex(signed)).build();
    }

    static String md5Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
