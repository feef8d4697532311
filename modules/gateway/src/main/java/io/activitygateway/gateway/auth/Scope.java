package io.activitygateway.gateway.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an API key may do. {@code admin} includes {@code read}. */
public enum Scope {
    /** Read events, sources and the stream. */
    READ,
    /** Also poll now, manage keys, and every other call that changes something. */
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Scope needed) {
        return this == ADMIN || needed == READ;
    }

    public static Optional<Scope> fromWireName(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
