-- Sinks created through the API (sinks from configuration are not stored), as managed_connection holds
-- connections. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.

-- settings: the sink's keys as in configuration (kind, filters, start, the kind's own keys), as a JSON object,
-- secrets left out. secrets: the keys the kind calls secret (the webhook's signing secret, Kafka passwords),
-- AES-GCM encrypted under gateway.secrets.key with "sink:<name>" as associated data. revision changes with every
-- write; each instance compares revisions to pick up changes made on the others.
CREATE TABLE managed_sink (
    name       VARCHAR(64)                 NOT NULL PRIMARY KEY,
    settings   TEXT                        NOT NULL,
    secrets    TEXT,
    revision   VARCHAR(36)                 NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
