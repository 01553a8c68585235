-- The index of a run's open items (V5) served the owner's count of open items at each poll. The
-- owner now counts a run's items once (ClusterRuns.size) and subtracts those it has taken, so no
-- statement needs it, and PostgreSQL's planner chose it for statements it does not suit. Seen
-- with auto_explain at 10,000 devices: recording a device's result (the primary key names the
-- row) and claiming a zone's pending items (patina_work_items_pending is in their order) both
-- scanned it, every open item of the run, each time. With pg_stat_statements, those two
-- statements took 113 of the 136 s that statements took over three runs.
DROP INDEX patina_work_items_open_by_run;
