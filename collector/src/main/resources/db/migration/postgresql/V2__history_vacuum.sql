-- History tables lose their oldest rows all the time; vacuum them sooner than PostgreSQL's default so that the space
-- is reused by new rows before the files grow.
ALTER TABLE results SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE state_changes SET (autovacuum_vacuum_scale_factor = 0.02);
