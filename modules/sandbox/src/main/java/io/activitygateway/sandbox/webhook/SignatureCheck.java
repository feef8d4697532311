package io.activitygateway.sandbox.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a Standard Webhooks signature the way a receiver must: the {@code webhook-timestamp} within the tolerance
 * of the receiver's clock (no replays of old messages), and one of the space-separated {@code v1,<base64>} entries of
 * {@code webhook-signature} equal, in constant time, to HMAC-SHA256 over {@code <id>.<timestamp>.<body>} with the
 * key of the {@code whsec_} secret. Written from the specification, apart from the gateway's signer, so a test that
 * passes here proves the two agree with it and not merely with each other.
 */
public final class SignatureCheck {

    /** The specification's suggested tolerance. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;

    public SignatureCheck(String whsecSecret) {
        if (!whsecSecret.startsWith("whsec_")) {
            throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
        }
        this.key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
    }

    /** Null when the message is authentic, else why not. */
    public String problem(String id, String timestamp, String signatures, byte[] body, Instant now) {
        if (id == null || timestamp == null || signatures == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not whole seconds";
        }
        if (Math.abs(now.getEpochSecond() - ts) > TOLERANCE.toSeconds()) {
            return "webhook-timestamp is outside the tolerance";
        }
        byte[] expected = hmac(id + "." + ts + ".", body);
        for (String entry : signatures.strip().split(" ")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return null;
            }
        }
        return "no v1 signature matches";
    }

    private byte[] hmac(String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
