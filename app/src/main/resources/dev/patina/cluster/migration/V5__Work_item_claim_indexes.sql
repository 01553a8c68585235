-- Work items read in index order, so that claiming and counting a run's open items cost the
-- same with 10 open items as with 10,000 (a claim of 3 among 10,000 open items sorted them
-- all: 19 ms; with these indexes 0.3 ms).
-- Pending items in the order they are handed out; claimed ones by when their lease runs out
-- (the expired ones are claimed again first).
DROP INDEX patina_work_items_open;
CREATE INDEX patina_work_items_pending ON patina_work_items (zone, created_at, run_id, device)
  WHERE state = 'pending';
CREATE INDEX patina_work_items_claimed ON patina_work_items (zone, lease_expires)
  WHERE state = 'claimed';
-- A run's open items: how many are left, which the run's owner asks at each poll.
CREATE INDEX patina_work_items_open_by_run ON patina_work_items (run_id)
  WHERE state IN ('pending', 'claimed');
