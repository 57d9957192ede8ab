-- The table of Skein's shared rate limits on PostgreSQL (PostgresRateLimitStore): one row per limit, its
-- Bucket4j state. The id is derived from the policy's name, limit, window and type. Rows are few (one per
-- shared limit and configuration) and never expire.
CREATE TABLE IF NOT EXISTS skein_rate_limit (
    id    BIGINT PRIMARY KEY,
    state BYTEA
);
