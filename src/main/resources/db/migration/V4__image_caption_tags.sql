-- Written in SQL that H2 and PostgreSQL both accept.

-- The JDBC sink's tags, one row per tag, so that images can be found by tag:
--   SELECT c.* FROM image_caption c JOIN image_caption_tag t
--     ON t.image_sha256 = c.image_sha256 AND t.provider = c.provider AND t.operation = c.operation
--    AND t.prompt_key = c.prompt_key AND t.language = c.language
--   WHERE t.tag = 'beach'
-- Written with its image_caption row in one transaction (io.captionrelay.sink.CaptionTable).
-- The full list, in the provider's order, stays in image_caption.tags as a JSON array.
CREATE TABLE image_caption_tag (
    image_sha256 VARCHAR(64)  NOT NULL,
    provider     VARCHAR(64)  NOT NULL,
    operation    VARCHAR(64)  NOT NULL,
    prompt_key   VARCHAR(64)  NOT NULL,
    language     VARCHAR(16)  NOT NULL,
    tag          VARCHAR(256) NOT NULL,
    CONSTRAINT pk_image_caption_tag PRIMARY KEY (image_sha256, provider, operation, prompt_key, language, tag),
    CONSTRAINT fk_image_caption_tag_caption FOREIGN KEY (image_sha256, provider, operation, prompt_key, language)
        REFERENCES image_caption (image_sha256, provider, operation, prompt_key, language) ON DELETE CASCADE
);

CREATE INDEX ix_image_caption_tag_tag ON image_caption_tag (tag);
