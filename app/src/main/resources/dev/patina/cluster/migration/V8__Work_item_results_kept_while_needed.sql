-- A work item's result (the cleaned configuration, for the run's owner) is needed until its run
-- is done and pushed; a node clears the results of runs done more than an hour ago (ClusterRuns.
-- dropResults). Before, they stayed forever: 169 MB after six runs of 10,000 devices. This index
-- holds just the items that still have one, so the clearing reads no item twice.
CREATE INDEX patina_work_items_with_result ON patina_work_items (run_id) WHERE result IS NOT NULL;
