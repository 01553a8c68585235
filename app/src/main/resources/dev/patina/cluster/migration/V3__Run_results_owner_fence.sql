-- Cluster mode, schema version 3: what a run needs to be finished by any node.
-- A work item keeps the collected, cleaned and masked artifacts (or why there are none) for the
-- node that owns the run; a run keeps its request, so a node taking it over can repeat it, an
-- owner epoch that fences an owner that lost the run, and its counts for the history.

ALTER TABLE patina_work_items ADD COLUMN result bytea;

ALTER TABLE patina_runs
  ADD COLUMN owner_epoch integer NOT NULL DEFAULT 1,
  ADD COLUMN trailers    text[] NOT NULL DEFAULT '{}',
  ADD COLUMN notes       text[] NOT NULL DEFAULT '{}',
  ADD COLUMN mail        boolean NOT NULL DEFAULT true,
  ADD COLUMN changed     integer,
  ADD COLUMN unchanged   integer,
  ADD COLUMN failed      integer,
  DROP CONSTRAINT patina_runs_state_check,
  ADD CONSTRAINT patina_runs_state_check
    CHECK (state IN ('collecting', 'committing', 'committed', 'done', 'failed'));

CREATE INDEX patina_runs_unfinished ON patina_runs (created_at) WHERE state IN ('collecting', 'committing', 'committed');
