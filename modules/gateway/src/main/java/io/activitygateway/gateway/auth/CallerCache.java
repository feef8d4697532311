package io.activitygateway.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys and stream tokens checked recently, by hash, so that most requests need no database read (and none on the
 * event loop). An entry lives until {@code gateway.auth.recheck-interval} has passed or its token expires;
 * revoking a key on this instance drops its entries at once.
 */
@ApplicationScoped
class CallerCache {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Caller caller, Instant until) {
    }

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();

    Optional<Caller> get(String hash, Instant now) {
        Entry entry = byHash.get(hash);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.until().isAfter(now)) {
            byHash.remove(hash, entry);
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    void put(String hash, Caller caller, Instant until, Instant now) {
        if (byHash.size() >= MAX_ENTRIES) {
            byHash.values().removeIf(e -> !e.until().isAfter(now));
            if (byHash.size() >= MAX_ENTRIES) {
                byHash.clear();
            }
        }
        byHash.put(hash, new Entry(caller, until));
    }

    void forgetKey(String keyId) {
        byHash.values().removeIf(e -> keyId.equals(e.caller().keyId()));
    }
}
