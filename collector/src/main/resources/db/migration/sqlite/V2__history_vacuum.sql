-- SQLite reuses the pages of pruned rows from its freelist before it grows the file, so nothing needs tuning here;
-- this version keeps both dialects at the same schema version number.
SELECT 1;
