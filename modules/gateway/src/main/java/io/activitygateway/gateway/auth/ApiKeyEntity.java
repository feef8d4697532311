package io.activitygateway.gateway.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One API key: its hash, never the key itself. */
@Entity
@Table(name = "api_key")
public class ApiKeyEntity {

    /** Keys made from {@code gateway.auth.bootstrap-key}; the others come from {@code POST /api/v1/keys}. */
    static final String BOOTSTRAP = "bootstrap";
    static final String API = "api";

    @Id
    public String id;
    public String name;
    /** {@link Scope#wireName()}. */
    public String scope;
    @Column(name = "key_hash")
    public String keyHash;
    /** {@link #BOOTSTRAP} or {@link #API}. */
    public String origin;
    @Column(name = "created_at")
    public Instant createdAt;
    /** When the key was last checked against the database (at most every gateway.auth.recheck-interval). */
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    Scope scopeValue() {
        return Scope.fromWireName(scope).orElseThrow(() -> new IllegalStateException("key " + id
                + " has the unknown scope '" + scope + "'"));
    }

    boolean active() {
        return revokedAt == null;
    }
}
