package io.activitygateway.sandbox.onehub;

import java.util.Locale;
import java.util.Optional;

/** Onehub's documented verbs, with the predicate and preposition their {@code detail} uses. */
public enum Verb {
    CREATE("created", "in"),
    UPLOAD("uploaded", "to"),
    READ("viewed", "in"),
    DOWNLOAD("downloaded", "from"),
    UPDATE("updated", "in"),
    DELETE("deleted", "from"),
    INVITE("invited", "to");

    private final String predicate;
    private final String preposition;

    Verb(String predicate, String preposition) {
        this.predicate = predicate;
        this.preposition = preposition;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String predicate() {
        return predicate;
    }

    public String preposition() {
        return preposition;
    }

    public static Optional<Verb> parse(String id) {
        for (Verb verb : values()) {
            if (verb.id().equals(id)) {
                return Optional.of(verb);
            }
        }
        return Optional.empty();
    }
}
