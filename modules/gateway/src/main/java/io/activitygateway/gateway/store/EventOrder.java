package io.activitygateway.gateway.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The list API's orders: by occurredAt, ties broken by seq, so every order is total and keyset-pageable. */
public enum EventOrder {
    OCCURRED_DESC, OCCURRED_ASC;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EventOrder> fromWireName(String value) {
        return Arrays.stream(values()).filter(o -> o.wireName().equals(value)).findFirst();
    }
}
