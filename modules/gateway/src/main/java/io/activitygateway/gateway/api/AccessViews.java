package io.activitygateway.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.activitygateway.gateway.auth.ApiKeyEntity;
import java.time.Instant;

/** What the access-control endpoints answer. */
final class AccessViews {

    private AccessViews() {
    }

    /** {@code GET /api/v1/me}. */
    record Me(String scope, boolean accessControl) {
    }

    /** {@code POST /api/v1/stream-tokens}. */
    record StreamToken(String token, Instant expiresAt) {
    }

    /** One API key, never its secret, except {@code key} in the answer that created it. */
    record Key(String id, String name, String scope, String origin, Instant createdAt, Instant lastUsedAt,
            Instant revokedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

        static Key of(ApiKeyEntity row, String secret) {
            return new Key(row.id, row.name, row.scope, row.origin, row.createdAt, row.lastUsedAt, row.revokedAt,
                    secret);
        }
    }
}
