-- The run's owner takes each finished item once: a poll marks what it reads with the owner's
-- epoch and reads only the finished items no owner of this epoch has taken, through this index.
-- Before, every poll (10 a second) named all the items the owner had seen: at 10,000 devices an
-- array of thousands of names per poll, 19 ms each (12 of them planning).
-- A node that takes the run over (a higher epoch) reads every finished item once, then takes
-- those the lost owner took meanwhile too; the lost owner cannot take the new owner's.
ALTER TABLE patina_work_items ADD COLUMN taken_epoch integer NOT NULL DEFAULT 0;
CREATE INDEX patina_work_items_finished_by_run ON patina_work_items (run_id, taken_epoch)
  WHERE state IN ('done', 'failed');
