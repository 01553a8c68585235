-- Cluster mode, schema version 1: the nodes, the runs, one work item per device and run, and
-- the outbox of digests. Quartz's job-store tables come in version 2 (read from Quartz's jar).

-- A node says it is alive by moving last_seen forward; a zone whose nodes have all stopped
-- doing so has no live node.
CREATE TABLE patina_nodes (
  node        text PRIMARY KEY,
  zones       text[] NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  last_seen   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE patina_runs (
  run_id       text PRIMARY KEY,
  trigger      text NOT NULL,
  owner_node   text NOT NULL,
  state        text NOT NULL DEFAULT 'collecting'
               CHECK (state IN ('collecting', 'committing', 'committed', 'failed')),
  commit_id    text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);

-- One row per device and run (the primary key): a device cannot be in one run twice. A node
-- claims a row by setting lease_owner/lease_expires (database time) and raising attempts,
-- which is also the fencing token a result must carry to be accepted.
CREATE TABLE patina_work_items (
  run_id         text NOT NULL REFERENCES patina_runs ON DELETE CASCADE,
  device         text NOT NULL,
  zone           text NOT NULL,
  state          text NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'claimed', 'done', 'failed')),
  lease_owner    text,
  lease_expires  timestamptz,
  attempts       integer NOT NULL DEFAULT 0,
  outcome        text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  PRIMARY KEY (run_id, device),
  CHECK (state <> 'claimed' OR (lease_owner IS NOT NULL AND lease_expires IS NOT NULL))
);
CREATE INDEX patina_work_items_open ON patina_work_items (zone, run_id, device)
  WHERE state IN ('pending', 'claimed');

-- Digests and alerts to send, one per run and kind, claimed like work so each goes out once.
CREATE TABLE patina_outbox (
  id             bigserial PRIMARY KEY,
  run_id         text NOT NULL REFERENCES patina_runs ON DELETE CASCADE,
  kind           text NOT NULL,
  payload        bytea NOT NULL,
  state          text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'sent')),
  lease_owner    text,
  lease_expires  timestamptz,
  attempts       integer NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  sent_at        timestamptz,
  UNIQUE (run_id, kind)
);
