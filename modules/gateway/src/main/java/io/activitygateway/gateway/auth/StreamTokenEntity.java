package io.activitygateway.gateway.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stream token, by its hash; it opens streams for its key until it expires. */
@Entity
@Table(name = "stream_token")
public class StreamTokenEntity {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "key_id")
    public String keyId;
    @Column(name = "expires_at")
    public Instant expiresAt;
}
