package io.activitygateway.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored API keys: creating, listing, revoking, and checking a presented key. */
@ApplicationScoped
public class ApiKeys {

    /** A key just made: the only moment its secret exists outside the caller's hands. */
    public record NewKey(ApiKeyEntity row, String secret) {
    }

    /** How a revocation went. */
    public enum Revocation {
        REVOKED,
        ALREADY_REVOKED,
        NOT_FOUND,
        /** Refused: it is the last active admin key, and nobody could manage keys after it. */
        LAST_ADMIN_KEY
    }

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    CallerCache cache;

    @Transactional
    public NewKey create(String name, Scope scope) {
        String secret = Credentials.newKey();
        return new NewKey(insert(name, scope, Credentials.hash(secret), ApiKeyEntity.API), secret);
    }

    @Transactional
    public List<ApiKeyEntity> all() {
        return em.createQuery("from ApiKeyEntity k order by k.createdAt, k.id", ApiKeyEntity.class).getResultList();
    }

    @Transactional
    public Optional<ApiKeyEntity> find(String id) {
        return Optional.ofNullable(em.find(ApiKeyEntity.class, id));
    }

    @Transactional
    public Revocation revoke(String id) {
        ApiKeyEntity key = em.find(ApiKeyEntity.class, id);
        if (key == null) {
            return Revocation.NOT_FOUND;
        }
        // Every active admin key is locked (in id order, so two revocations cannot deadlock): two instances revoking
        // the last two admin keys at once cannot both see the other one still there.
        List<ApiKeyEntity> admins = em.createQuery("from ApiKeyEntity k where k.revokedAt is null and k.scope = :s"
                + " order by k.id", ApiKeyEntity.class).setParameter("s", Scope.ADMIN.wireName())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        em.refresh(key);
        if (!key.active()) {
            return Revocation.ALREADY_REVOKED;
        }
        if (key.scopeValue() == Scope.ADMIN && admins.size() <= 1) {
            return Revocation.LAST_ADMIN_KEY;
        }
        key.revokedAt = clock.instant();
        em.createQuery("delete from StreamTokenEntity t where t.keyId = :id").setParameter("id", id).executeUpdate();
        cache.forgetKey(id);
        return Revocation.REVOKED;
    }

    /** The caller a presented key stands for, if it is an active key; notes when it was used. */
    @Transactional
    public Optional<Caller> authenticate(String keyHash) {
        List<ApiKeyEntity> found = em.createQuery("from ApiKeyEntity k where k.keyHash = :h", ApiKeyEntity.class)
                .setParameter("h", keyHash).getResultList();
        if (found.isEmpty() || !found.get(0).active()) {
            return Optional.empty();
        }
        ApiKeyEntity key = found.get(0);
        key.lastUsedAt = clock.instant();
        return Optional.of(new Caller(key.id, key.name, key.scopeValue()));
    }

    @Transactional
    public long activeCount() {
        return em.createQuery("select count(k) from ApiKeyEntity k where k.revokedAt is null", Long.class)
                .getSingleResult();
    }

    /**
     * Stores the configured bootstrap key unless it is stored already (revoked or not, so revoking it sticks).
     * A new bootstrap key replaces the previous one: those are revoked.
     *
     * @return true if the key was stored now
     */
    @Transactional
    boolean storeBootstrap(String secret) {
        String hash = Credentials.hash(secret);
        Long known = em.createQuery("select count(k) from ApiKeyEntity k where k.keyHash = :h", Long.class)
                .setParameter("h", hash).getSingleResult();
        if (known > 0) {
            return false;
        }
        Instant now = clock.instant();
        List<ApiKeyEntity> previous = em.createQuery("from ApiKeyEntity k where k.origin = :o and k.revokedAt is null",
                ApiKeyEntity.class).setParameter("o", ApiKeyEntity.BOOTSTRAP).getResultList();
        for (ApiKeyEntity old : previous) {
            old.revokedAt = now;
            cache.forgetKey(old.id);
        }
        insert("bootstrap", Scope.ADMIN, hash, ApiKeyEntity.BOOTSTRAP);
        // Now, not at commit: another instance storing the same key at once fails here, where the caller sees it.
        em.flush();
        return true;
    }

    /** Whether the key with this hash exists and is revoked. */
    @Transactional
    boolean isRevoked(String secret) {
        return em.createQuery("from ApiKeyEntity k where k.keyHash = :h", ApiKeyEntity.class)
                .setParameter("h", Credentials.hash(secret)).getResultList().stream().anyMatch(k -> !k.active());
    }

    private ApiKeyEntity insert(String name, Scope scope, String hash, String origin) {
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = Credentials.newId();
        key.name = name;
        key.scope = scope.wireName();
        key.keyHash = hash;
        key.origin = origin;
        key.createdAt = clock.instant();
        em.persist(key);
        return key;
    }
}
