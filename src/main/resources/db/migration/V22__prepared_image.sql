-- Written in SQL that H2 and PostgreSQL both accept.

-- The bytes each paid result was sent as (after conversion and fitting): a second image whose prepared bytes
-- hash the same (say a TIFF and a BMP of the same pixels) reuses that result instead of paying again.
CREATE TABLE prepared_image (
    prepared_sha256 VARCHAR(64) NOT NULL,
    provider        VARCHAR(64) NOT NULL,
    operation       VARCHAR(64) NOT NULL,
    prompt_key      VARCHAR(64) NOT NULL,
    language        VARCHAR(16) NOT NULL,
    image_sha256    VARCHAR(64) NOT NULL,
    CONSTRAINT pk_prepared_image PRIMARY KEY (prepared_sha256, provider, operation, prompt_key, language)
);
