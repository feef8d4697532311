package io.activitygateway.sandbox;

import java.util.Locale;

/** The simulated upstream APIs; {@link #id()} is the name used in URLs, flags and ground truth. */
public enum Api {
    KANTATA,
    WORKSECTION,
    ONEHUB;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Api parse(String id) {
        for (Api api : values()) {
            if (api.id().equalsIgnoreCase(id.strip())) {
                return api;
            }
        }
        throw new IllegalArgumentException("unknown api '" + id + "' (kantata, worksection, onehub)");
    }
}
