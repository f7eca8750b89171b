-- Written in SQL that H2 and PostgreSQL both accept.

-- What one instance learnt from a provider that every instance sharing the key or provider must know
-- (docs/scaling-out.md): a rate-limit pause of a key ("pause:<task>:<key fingerprint>") or an open circuit
-- ("circuit:<provider>"), live until until_ms (epoch milliseconds). No key is stored, only its fingerprint.
CREATE TABLE relay_signal (
    subject     VARCHAR(200)  NOT NULL,
    until_ms    BIGINT        NOT NULL,
    error_class VARCHAR(32)   NOT NULL,
    reason      VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_relay_signal PRIMARY KEY (subject)
);
