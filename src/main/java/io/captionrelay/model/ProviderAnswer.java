package io.captionrelay.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a provider said about one image, before the pipeline adds identity and timings to make a
 * {@link io.captionrelay.model.CaptionResult}. Absent fields stay null (or empty): never invented.
 *
 * @param title             a short title, if the provider gives one
 * @param description       a longer description (Markdown allowed)
 * @param caption           a one-line caption
 * @param altText           short accessibility text (alt text), when the provider's answer gives one honestly
 * @param tags              keywords, possibly empty
 * @param usage             tokens or credits the provider reported, possibly empty
 * @param providerRequestId the provider's id for this call (request_id, messageId, X-Request-ID …)
 * @param raw               the provider's answer as JSON, kept for audit
 */
public record ProviderAnswer(
        String title,
        String description,
        String caption,
        String altText,
        List<String> tags,
        Map<String, Object> usage,
        String providerRequestId,
        JsonNode raw) {

    public ProviderAnswer {
        tags = tags == null ? List.of() : List.copyOf(tags);
        usage = usage == null ? Map.of() : Map.copyOf(usage);
    }

    /** An answer without alt text. */
    public ProviderAnswer(String title, String description, String caption, List<String> tags, Map<String, Object> usage,
                          String providerRequestId, JsonNode raw) {
        this(title, description, caption, null, tags, usage, providerRequestId, raw);
    }

    /** The same answer with other alt text (or tags), e.g. after the configured limits were applied. */
    public ProviderAnswer withAltText(String otherAltText) {
        return new ProviderAnswer(title, description, caption, otherAltText, tags, usage, providerRequestId, raw);
    }

    public ProviderAnswer withTags(List<String> otherTags) {
        return new ProviderAnswer(title, description, caption, altText, otherTags, usage, providerRequestId, raw);
    }

    /** The same answer with one more entry in its usage block (replacing one of the same name). */
    public ProviderAnswer withUsage(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(usage);
        more.put(key, value);
        return new ProviderAnswer(title, description, caption, altText, tags, more, providerRequestId, raw);
    }
}
