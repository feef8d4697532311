package io.activitygateway.sink.webhook;

import io.activitygateway.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks signing secret, {@code whsec_<base64 key>}, and the signature it makes:
 * {@code v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>}.
 */
final class WebhookSecret {

    static final String PREFIX = "whsec_";

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** @throws IllegalArgumentException when the text is not {@code whsec_} and base64 of at least 24 bytes */
    static WebhookSecret parse(Secret secret) {
        String text = secret.reveal().strip();
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("must start with " + PREFIX + " followed by the base64 key (the"
                    + " Standard Webhooks format)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the part after " + PREFIX + " is not base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("the key must be 24 to 64 bytes, was " + key.length);
        }
        return new WebhookSecret(key);
    }

    String sign(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return PREFIX + "***";
    }
}
