-- Access control. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.

-- API keys. Only the SHA-256 of a key is stored: a database dump does not reveal any key. A key is revoked by
-- setting revoked_at; the row stays, so a revoked bootstrap key is not created again at the next start.
CREATE TABLE api_key (
    id           VARCHAR(32)                 NOT NULL PRIMARY KEY,
    name         VARCHAR(100)                NOT NULL,
    scope        VARCHAR(16)                 NOT NULL,
    key_hash     VARCHAR(64)                 NOT NULL,
    origin       VARCHAR(16)                 NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP(6) WITH TIME ZONE,
    revoked_at   TIMESTAMP(6) WITH TIME ZONE
);
CREATE UNIQUE INDEX api_key_hash_uq ON api_key (key_hash);

-- Short-lived tokens that open event streams (EventSource cannot send headers). Stored here, hashed, so that every
-- instance sharing the database accepts them.
CREATE TABLE stream_token (
    token_hash VARCHAR(64)                 NOT NULL PRIMARY KEY,
    key_id     VARCHAR(32)                 NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX stream_token_expiry_ix ON stream_token (expires_at);
