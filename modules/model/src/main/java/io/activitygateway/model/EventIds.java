package io.activitygateway.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Event ids: deterministic from (connection, key), so re-ingesting a record always yields the same id. */
public final class EventIds {

    private static final HexFormat HEX = HexFormat.of();

    private EventIds() {
    }

    /** 32 lower-case hex characters: the first 128 bits of SHA-256 over the connection and the key. */
    public static String of(String connection, String key) {
        return HEX.formatHex(sha256(connection + '\u0000' + key), 0, 16);
    }

    /** A stable content fingerprint, for sources whose records carry no id of their own. */
    public static String fingerprint(String canonicalContent) {
        return HEX.formatHex(sha256(canonicalContent));
    }

    /** One digest per thread: looking the algorithm up for each id was a third of the hashing's cost. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    });

    private static byte[] sha256(String text) {
        // digest() resets it for the next use
        return SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
