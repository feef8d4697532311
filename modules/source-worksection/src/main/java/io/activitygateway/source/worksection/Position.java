package io.activitygateway.source.worksection;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checkpoint: for each scope, the instant up to which its events are stored. It is the moment the read's
 * request was sent (by our clock, never the end of the run), or less when a response may have been cut short.
 *
 * <p>Shown as {@code {"coveredUntil":{"account":"2026-03-01T10:15:00Z"}}}, or with one {@code project:ID} entry
 * per project.
 */
record Position(Map<String, Instant> coveredUntil) {

    static final Position NONE = new Position(Map.of());

    Position {
        coveredUntil = Collections.unmodifiableMap(new TreeMap<>(coveredUntil == null ? Map.of() : coveredUntil));
    }

    Optional<Instant> of(Scope scope) {
        return Optional.ofNullable(coveredUntil.get(scope.key()));
    }

    Position with(Scope scope, Instant until) {
        Map<String, Instant> next = new TreeMap<>(coveredUntil);
        next.put(scope.key(), until);
        return new Position(next);
    }

    /**
     * This position restricted to the configured scopes. A scope without an entry of its own inherits from the
     * other form of the settings, so switching {@code project-ids} on or off loses nothing: a project starts
     * where the account read ended, the account where the least advanced project ended.
     */
    Position forScopes(List<Scope> scopes) {
        Map<String, Instant> kept = new TreeMap<>();
        for (Scope scope : scopes) {
            inherited(scope).ifPresent(until -> kept.put(scope.key(), until));
        }
        return new Position(kept);
    }

    private Optional<Instant> inherited(Scope scope) {
        Optional<Instant> own = of(scope);
        if (own.isPresent()) {
            return own;
        }
        if (!scope.isAccount()) {
            return of(Scope.ACCOUNT);
        }
        return coveredUntil.values().stream().min(Instant::compareTo);
    }
}
