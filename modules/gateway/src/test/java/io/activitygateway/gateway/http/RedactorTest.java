package io.activitygateway.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.activitygateway.spi.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor(List.of(new Secret("tok-123456"), new Secret("abc")));

    @Test
    void masksSecretValuesAnywhere() {
        assertEquals("Bearer *** failed; key *** again", redactor.redact("Bearer tok-123456 failed; key tok-123456 again"));
    }

    @Test
    void masksMarkedQueryParametersButNotOthers() {
        assertEquals("https://x/api/?action=get_events&hash=***&period=1d",
                redactor.redactUri("https://x/api/?action=get_events&hash=0cc175b9c0f1b6a8&period=1d", List.of("hash")));
        assertEquals("https://x/?hash=***", redactor.redactUri("https://x/?hash=secret", List.of("hash")));
        assertEquals("https://x/?xhash=keep", redactor.redactUri("https://x/?xhash=keep", List.of("hash")));
    }

    @Test
    void veryShortSecretsAreNotMaskedEverywhere() {
        // Masking a three-letter value in every word would garble messages; real credentials are far longer.
        assertEquals("abc def", redactor.redact("abc def"));
    }
}
