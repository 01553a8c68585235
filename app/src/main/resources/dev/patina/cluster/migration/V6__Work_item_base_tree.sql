-- Cluster mode, schema version 6: a work item names the git tree the device had in the owner's
-- repository when the run was created (null for a device without one: new to the repository).
-- The node that collects the device compares the tree id its cleaned artifacts would have with
-- it, and when they are the same records "unchanged, tree X" instead of the whole configuration:
-- most runs change nothing, and shipping every configuration through the database and decoding
-- it on the owner cost more than collecting it.
ALTER TABLE patina_work_items ADD COLUMN base_tree text;
