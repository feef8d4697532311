-- Identical malformed records (Worksection has no ids, so two alike records have one fingerprint) each count: a
-- problem keeps how many copies of its record one read of the source held at most. Reading the same records again
-- (a lookback re-read) does not raise it; a third copy does.
ALTER TABLE record_problem ADD COLUMN occurrences INT DEFAULT 1 NOT NULL;
