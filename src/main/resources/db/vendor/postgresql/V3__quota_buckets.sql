-- Quota buckets shared by several instances (relay.quota.store=postgresql): Bucket4j's state per key.
CREATE TABLE relay_quota_bucket (
    id    VARCHAR(128) PRIMARY KEY,
    state BYTEA
);
