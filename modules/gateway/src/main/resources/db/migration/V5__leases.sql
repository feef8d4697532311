-- Leases: which gateway instance does a piece of work that must run in one place only (polling a connection,
-- delivering a sink). Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.

-- A row is held by `holder` until `expires_at`; the holder extends it while it works, and any instance may take
-- it once it has expired. Every commit of the work updates the row in its own transaction (the fence), so an
-- instance that lost its lease can never commit after the next holder took over.
CREATE TABLE lease (
    resource    VARCHAR(128)                NOT NULL PRIMARY KEY,
    holder      VARCHAR(64)                 NOT NULL,
    acquired_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
