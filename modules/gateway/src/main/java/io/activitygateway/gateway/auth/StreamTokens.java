package io.activitygateway.gateway.auth;

import io.activitygateway.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Short-lived tokens that open event streams, for clients that cannot send an Authorization header (EventSource).
 * They are stored hashed in the database, so every instance sharing it accepts them, and they die with their key.
 */
@ApplicationScoped
public class StreamTokens {

    /** A token just issued; only its hash is kept. */
    public record Issued(String token, Instant expiresAt) {
    }

    /** A valid token: who it stands for and until when. */
    record Valid(Caller caller, Instant expiresAt) {
    }

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    GatewayConfig config;

    /** A token for the caller's key; with access control off nothing checks tokens, so none is stored. */
    @Transactional
    public Issued issue(Caller caller) {
        Instant now = clock.instant();
        if (!caller.accessControlled()) {
            return new Issued(Credentials.newStreamToken(), now.plus(config.auth().streamTokenTtl()));
        }
        // Expired tokens are of no use to anyone: each issue clears them, so the table stays as small as the traffic.
        em.createQuery("delete from StreamTokenEntity t where t.expiresAt < :now").setParameter("now", now)
                .executeUpdate();
        String token = Credentials.newStreamToken();
        StreamTokenEntity row = new StreamTokenEntity();
        row.tokenHash = Credentials.hash(token);
        row.keyId = caller.keyId();
        row.expiresAt = now.plus(config.auth().streamTokenTtl());
        em.persist(row);
        return new Issued(token, row.expiresAt);
    }

    @Transactional
    Optional<Valid> authenticate(String tokenHash) {
        StreamTokenEntity token = em.find(StreamTokenEntity.class, tokenHash);
        if (token == null || !token.expiresAt.isAfter(clock.instant())) {
            return Optional.empty();
        }
        ApiKeyEntity key = em.find(ApiKeyEntity.class, token.keyId);
        if (key == null || !key.active()) {
            return Optional.empty();
        }
        return Optional.of(new Valid(new Caller(key.id, key.name, key.scopeValue()), token.expiresAt));
    }
}
