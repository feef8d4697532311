-- Retention. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.

-- Every event with seq <= purged_through may have been deleted; the purge removes a prefix of seqs, raising this
-- value in the same transaction, so the feed knows exactly which resumes would skip events (410 history-gone).
-- A row of its own, not a column of feed_head, so a purge never holds up the commits that take new seqs.
CREATE TABLE feed_purge (
    id             INT    NOT NULL PRIMARY KEY,
    purged_through BIGINT NOT NULL
);
INSERT INTO feed_purge (id, purged_through) VALUES (1, 0);
