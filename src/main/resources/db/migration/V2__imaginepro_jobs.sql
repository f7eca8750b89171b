-- Written in SQL that H2 and PostgreSQL both accept.

-- ImaginePro describe jobs (asynchronous): a row is written as soon as the provider accepts a submit,
-- before any waiting, so a restart resumes the job instead of paying for it again.
-- status: SUBMITTED, QUEUED, PROCESSING (live: still polled), DONE, FAIL, TIMEOUT (finished).
CREATE TABLE imaginepro_job (
    message_id     VARCHAR(128)  NOT NULL,
    task_id        VARCHAR(64)   NOT NULL,
    image_sha256   VARCHAR(64)   NOT NULL,
    -- which configured key submitted the job (a short hash, never the key): fetches must use the same one
    key_hint       VARCHAR(16),
    status         VARCHAR(16)   NOT NULL,
    progress       INTEGER,
    submitted_at   TIMESTAMP     NOT NULL,
    deadline_at    TIMESTAMP     NOT NULL,
    last_polled_at TIMESTAMP,
    finished_at    TIMESTAMP,
    -- set once a DONE result was handed to the pipeline; until then a DONE row answers without any call
    delivered_at   TIMESTAMP,
    result_json    TEXT,
    error          TEXT,
    CONSTRAINT pk_imaginepro_job PRIMARY KEY (message_id)
);

CREATE INDEX ix_imaginepro_job_image ON imaginepro_job (image_sha256, task_id);
