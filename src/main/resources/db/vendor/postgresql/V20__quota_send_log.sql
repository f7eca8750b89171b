-- Quota send log shared by several instances (relay.quota.store=postgresql): the real send time of every call,
-- per key, kept for the key's longest quota window. Replaces Bucket4j's bucket state.
CREATE TABLE relay_quota_send (
    bucket  VARCHAR(128) NOT NULL,
    sent_us BIGINT       NOT NULL
);
CREATE INDEX relay_quota_send_by_bucket ON relay_quota_send (bucket, sent_us);
DROP TABLE relay_quota_bucket;
