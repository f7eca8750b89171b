package io.captionrelay.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.model.CaptionResult;
import io.captionrelay.model.ResultKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a canonical result into the named parameters of the JDBC sink's upsert
 * ({@code sql/upsert-image-caption.sql}); used as a bean by {@code routes/sink-jdbc.camel.yaml}.
 */
public final class CaptionRows {

    private final ObjectMapper mapper;

    public CaptionRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Map<String, Object> toRow(CaptionResult r) throws JsonProcessingException {
        ResultKey key = r.key();
        Map<String, Object> row = new HashMap<>();
        row.put("image_sha256", key.imageSha256());
        row.put("provider", key.provider());
        row.put("operation", key.operation());
        row.put("prompt_key", key.promptKey());
        row.put("language", key.language());
        row.put("source", r.source());
        row.put("title", r.title());
        row.put("description", r.description());
        row.put("caption", r.caption());
        row.put("alt_text", r.altText());
        row.put("tags", mapper.writeValueAsString(r.tags()));
        row.put("prompt", r.prompt());
        row.put("usage_json", mapper.writeValueAsString(r.usage()));
        row.put("provider_request_id", r.providerRequestId());
        row.put("raw_json", r.raw() == null ? null : mapper.writeValueAsString(r.raw()));
        row.put("latency_ms", r.latencyMs());
        row.put("created_at", Timestamp.from(r.createdAt()));
        row.put("updated_at", Timestamp.from(Instant.now()));
        return row;
    }
}
