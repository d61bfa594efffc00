-- trigger_instance_trigger (trigger_ref, occurrence_time) served no query: the one listing that
-- filters by trigger matches the ref or the type (trigger_ref = ? OR trigger_type = ?), which an index
-- on one of the two columns cannot answer, so it reads trigger_instance_time newest first and filters.
-- Keeping the index up to date was about a twentieth of the store writer's CPU per webhook.
DROP INDEX trigger_instance_trigger;
