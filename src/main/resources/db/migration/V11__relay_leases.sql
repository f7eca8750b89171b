-- Written in SQL that H2 and PostgreSQL both accept.

-- Leases shared by every instance on this database (docs/scaling-out.md): who works on what, until when.
-- scope: what kind of work ("result" for a provider call, "inbox" for a drop-folder file, "s3:<bucket>" for an object);
-- lease_key: the item within the scope (hashed when long); owner: the instance; expires_at: epoch milliseconds,
-- pushed forward by the owner's heartbeat. A row whose expires_at has passed may be taken over by another instance.
CREATE TABLE relay_lease (
    scope      VARCHAR(64)  NOT NULL,
    lease_key  VARCHAR(300) NOT NULL,
    owner      VARCHAR(128) NOT NULL,
    expires_at BIGINT       NOT NULL,
    CONSTRAINT pk_relay_lease PRIMARY KEY (scope, lease_key)
);

CREATE INDEX ix_relay_lease_owner ON relay_lease (owner);
