-- Cluster mode, schema version 4: what every node must see alike, whichever node made it.

-- Failures in a row per device, counted by whichever node owns a run (a device failing in three
-- runs owned by three nodes is three in a row). last_run is the run counted last: a run that is
-- finished a second time (taken over after its owner counted it) is not counted twice.
CREATE TABLE patina_device_status (
  device        text PRIMARY KEY,
  failures      integer NOT NULL DEFAULT 0,
  last_success  timestamptz,
  last_failure  timestamptz,
  last_error    text,
  last_run      text
);

-- A run's line on the runs page (started_at is set once its owner recorded it), and its push:
-- state 'unpushed' is a run committed in its owner's repository that the shared remote refused
-- or could not be reached for; push_error says what git answered. The owner tries again, and a
-- node taking the run over commits it again from the work items' results.
ALTER TABLE patina_runs
  ADD COLUMN started_at      timestamptz,
  ADD COLUMN took_ms         bigint,
  ADD COLUMN added           integer,
  ADD COLUMN failed_devices  text[],
  ADD COLUMN push_error      text,
  ADD COLUMN push_attempts   integer NOT NULL DEFAULT 0,
  -- a late firing of a schedule (its previous run outlasted the period) is the run of the latest
  -- period that began; this many periods before it had no run of their own
  ADD COLUMN missed_periods  integer NOT NULL DEFAULT 0,
  DROP CONSTRAINT patina_runs_state_check,
  ADD CONSTRAINT patina_runs_state_check
    CHECK (state IN ('collecting', 'committing', 'committed', 'unpushed', 'done', 'failed'));

DROP INDEX patina_runs_unfinished;
CREATE INDEX patina_runs_unfinished ON patina_runs (created_at)
  WHERE state IN ('collecting', 'committing', 'committed', 'unpushed');
CREATE INDEX patina_runs_history ON patina_runs (started_at DESC) WHERE started_at IS NOT NULL;

-- The state events a run found (a bond slave down, VRRP roles), for the runs and device pages.
CREATE TABLE patina_run_events (
  run_id    text NOT NULL REFERENCES patina_runs ON DELETE CASCADE,
  seq       integer NOT NULL,
  at        timestamptz NOT NULL,
  device    text NOT NULL,
  severity  text NOT NULL,
  message   text NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE INDEX patina_run_events_device ON patina_run_events (device, at DESC);

-- What a node runs with, as fingerprints: the key id of its secret key (an HMAC of a fixed text
-- under the key, never the key) and a hash of its parsed inventory, with where it read it.
ALTER TABLE patina_nodes
  ADD COLUMN key_id          text,
  ADD COLUMN inventory_hash  text,
  ADD COLUMN inventory_file  text,
  ADD COLUMN devices         integer;
