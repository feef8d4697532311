package io.activitygateway.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes API keys and stream tokens and the hashes they are stored as. Both are 256 random bits, so a plain SHA-256
 * is the right hash: there is nothing to guess that a slow hash would protect. The prefixes tell the two apart at a
 * glance (and to secret scanners).
 */
final class Credentials {

    static final String KEY_PREFIX = "agk_";
    static final String STREAM_TOKEN_PREFIX = "agt_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Credentials() {
    }

    static String newKey() {
        return KEY_PREFIX + random(32);
    }

    static String newStreamToken() {
        return STREAM_TOKEN_PREFIX + random(32);
    }

    /** A key's public id: short, unguessable enough not to enumerate, safe in URLs and logs. */
    static String newId() {
        return HexFormat.of().formatHex(bytes(8));
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String random(int n) {
        return URL_SAFE.encodeToString(bytes(n));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
