MERGE INTO image_caption t
USING (SELECT CAST(:#image_sha256 AS VARCHAR(64)) AS image_sha256,
              CAST(:#provider AS VARCHAR(64)) AS provider,
              CAST(:#operation AS VARCHAR(64)) AS operation,
              CAST(:#prompt_key AS VARCHAR(64)) AS prompt_key,
              CAST(:#language AS VARCHAR(16)) AS language,
              CAST(:#source AS VARCHAR(4096)) AS source,
              CAST(:#title AS TEXT) AS title,
              CAST(:#description AS TEXT) AS description,
              CAST(:#caption AS TEXT) AS caption,
              CAST(:#alt_text AS TEXT) AS alt_text,
              CAST(:#tags AS TEXT) AS tags,
              CAST(:#prompt AS TEXT) AS prompt,
              CAST(:#usage_json AS TEXT) AS usage_json,
              CAST(:#provider_request_id AS VARCHAR(256)) AS provider_request_id,
              CAST(:#raw_json AS TEXT) AS raw_json,
              CAST(:#latency_ms AS BIGINT) AS latency_ms,
              CAST(:#created_at AS TIMESTAMP) AS created_at,
              CAST(:#updated_at AS TIMESTAMP) AS updated_at) s
ON (t.image_sha256 = s.image_sha256 AND t.provider = s.provider AND t.operation = s.operation
    AND t.prompt_key = s.prompt_key AND t.language = s.language)
WHEN MATCHED THEN UPDATE SET
    source = s.source, title = s.title, description = s.description, caption = s.caption, alt_text = s.alt_text, tags = s.tags,
    prompt = s.prompt, usage_json = s.usage_json, provider_request_id = s.provider_request_id,
    raw_json = s.raw_json, latency_ms = s.latency_ms, created_at = s.created_at, updated_at = s.updated_at
WHEN NOT MATCHED THEN INSERT
    (image_sha256, provider, operation, prompt_key, language, source, title, description, caption, alt_text, tags, prompt,
     usage_json, provider_request_id, raw_json, latency_ms, created_at, updated_at)
VALUES
    (s.image_sha256, s.provider, s.operation, s.prompt_key, s.language, s.source, s.title, s.description, s.caption,
     s.alt_text, s.tags, s.prompt, s.usage_json, s.provider_request_id, s.raw_json, s.latency_ms, s.created_at, s.updated_at)
