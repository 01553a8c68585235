-- Claiming reads work items in index order instead of sorting every open item of a zone on
-- each claim (a claim of 3 among 10,000 open items took 19 ms; with these, 0.3 ms). Pending
-- items in the order they are handed out; claimed ones by when their lease runs out (the
-- expired ones are re-claimed first).
DROP INDEX patina_work_items_open;
CREATE INDEX patina_work_items_pending ON patina_work_items (zone, created_at, run_id, device)
  WHERE state = 'pending';
CREATE INDEX patina_work_items_claimed ON patina_work_items (zone, lease_expires)
  WHERE state = 'claimed';
