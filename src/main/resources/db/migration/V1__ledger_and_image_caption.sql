-- Written in SQL that H2 and PostgreSQL both accept.

-- What each provider was paid for: one row per result key, written before any sink sees the result.
CREATE TABLE caption_ledger (
    image_sha256 VARCHAR(64)  NOT NULL,
    provider     VARCHAR(64)  NOT NULL,
    operation    VARCHAR(64)  NOT NULL,
    prompt_key   VARCHAR(64)  NOT NULL,
    language     VARCHAR(16)  NOT NULL,
    result_json  TEXT         NOT NULL,
    described_at TIMESTAMP    NOT NULL,
    CONSTRAINT pk_caption_ledger PRIMARY KEY (image_sha256, provider, operation, prompt_key, language)
);

-- The JDBC sink: the canonical result as columns, upserted by the same key.
CREATE TABLE image_caption (
    image_sha256        VARCHAR(64)   NOT NULL,
    provider            VARCHAR(64)   NOT NULL,
    operation           VARCHAR(64)   NOT NULL,
    prompt_key          VARCHAR(64)   NOT NULL,
    language            VARCHAR(16)   NOT NULL,
    source              VARCHAR(4096),
    title               TEXT,
    description         TEXT,
    caption             TEXT,
    tags                TEXT,
    prompt              TEXT,
    usage_json          TEXT,
    provider_request_id VARCHAR(256),
    raw_json            TEXT,
    latency_ms          BIGINT,
    created_at          TIMESTAMP     NOT NULL,
    updated_at          TIMESTAMP     NOT NULL,
    CONSTRAINT pk_image_caption PRIMARY KEY (image_sha256, provider, operation, prompt_key, language)
);
