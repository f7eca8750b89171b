package io.captionrelay.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The canonical result (docs/architecture.md): every provider's answer, whatever its wire form, becomes one of
 * these, and every sink receives it. Fields the provider did not give stay null or empty.
 */
@JsonPropertyOrder({"imageSha256", "source", "provider", "operation", "title", "description", "caption", "altText", "tags",
        "language", "prompt", "usage", "providerRequestId", "latencyMs", "createdAt", "raw"})
public record CaptionResult(
        String imageSha256,
        String source,
        String provider,
        String operation,
        String title,
        String description,
        String caption,
        String altText,
        List<String> tags,
        String language,
        String prompt,
        Map<String, Object> usage,
        String providerRequestId,
        JsonNode raw,
        long latencyMs,
        Instant createdAt) {

    public CaptionResult {
        tags = tags == null ? List.of() : List.copyOf(tags);
        usage = usage == null ? Map.of() : Map.copyOf(usage);
    }

    public static CaptionResult of(ImageJob job, ProviderTask task, ProviderAnswer answer, long latencyMs, Instant createdAt) {
        return new CaptionResult(job.facts().sha256(), job.source(), task.provider(), task.operation(),
                answer.title(), answer.description(), answer.caption(), answer.altText(), answer.tags(), task.language(), task.prompt(),
                answer.usage(), answer.providerRequestId(), answer.raw(), latencyMs, createdAt);
    }

    /** A result without alt text (recorded before results had it). */
    public CaptionResult(String imageSha256, String source, String provider, String operation, String title,
                         String description, String caption, List<String> tags, String language, String prompt,
                         Map<String, Object> usage, String providerRequestId, JsonNode raw, long latencyMs, Instant createdAt) {
        this(imageSha256, source, provider, operation, title, description, caption, null, tags, language, prompt, usage,
                providerRequestId, raw, latencyMs, createdAt);
    }

    /** The same result, as delivered for another copy of the same image. */
    public CaptionResult withSource(String otherSource) {
        return new CaptionResult(imageSha256, otherSource, provider, operation, title, description, caption, altText, tags,
                language, prompt, usage, providerRequestId, raw, latencyMs, createdAt);
    }

    public ResultKey key() {
        return ResultKey.of(imageSha256, provider, operation, prompt, language);
    }
}
