-- Copied unchanged from the workspace's shared/baselines/duckdb-load.sql (the baseline the issue names).
-- The DuckDB baseline for `roundtrip bench load --baseline duckdb`: what a user would write instead
-- of Roundtrip for the same archive. Measured on 1,000,000 generated events (965 MB NDJSON, 136 MB
-- gzipped) on a 2-core machine: about 14 s with DuckDB 2.0.1 and SET threads=2.
-- Replace {archive} with the archive folder and {out} with an empty output folder.
SET threads = 2;

CREATE TEMP TABLE ev AS
  SELECT j->>'messageId' AS id, j->>'type' AS type, j->>'event' AS event, j->>'userId' AS user_id,
         j->>'anonymousId' AS anonymous_id, TRY_CAST(j->>'receivedAt' AS TIMESTAMP) AS received_at,
         TRY_CAST(j->>'timestamp' AS TIMESTAMP) AS ts, j->'context' AS context,
         j->'properties' AS properties, j->'traits' AS traits
  FROM (SELECT json AS j FROM read_ndjson_objects('{archive}/**/*.gz', ignore_errors = true))
  WHERE j->>'messageId' IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY id ORDER BY received_at) = 1;

COPY (SELECT id, anonymous_id, user_id, received_at, ts, event FROM ev WHERE type = 'track')
  TO '{out}/tracks.parquet' (FORMAT parquet);
COPY (SELECT * FROM ev WHERE type = 'track') TO '{out}/events' (FORMAT parquet, PARTITION_BY (event));
COPY (SELECT * FROM ev WHERE type = 'identify') TO '{out}/identify.parquet' (FORMAT parquet);
COPY (SELECT * FROM ev WHERE type = 'page') TO '{out}/page.parquet' (FORMAT parquet);
COPY (SELECT * FROM ev WHERE type = 'screen') TO '{out}/screen.parquet' (FORMAT parquet);
COPY (SELECT * FROM ev WHERE type = 'group') TO '{out}/group.parquet' (FORMAT parquet);
COPY (SELECT * FROM ev WHERE type = 'alias') TO '{out}/alias.parquet' (FORMAT parquet);
