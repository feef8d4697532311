-- Connections created through the API (connections from configuration are not stored). Portable SQL: runs
-- unchanged on H2 2.x and PostgreSQL 12+.

-- settings: the connection's keys as in configuration (kind, base-url, poll-interval, kind-specific keys), as a JSON
-- object, secrets left out. secrets: the token and API key, AES-GCM encrypted under gateway.secrets.key with the
-- connection's name as associated data, so a database dump alone reveals none of them. revision changes with every
-- write; each instance compares revisions to pick up changes made on the others.
CREATE TABLE managed_connection (
    name       VARCHAR(64)                 NOT NULL PRIMARY KEY,
    settings   TEXT                        NOT NULL,
    secrets    TEXT,
    revision   VARCHAR(36)                 NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
