package io.captionrelay.image.embed;

import io.captionrelay.model.CaptionResult;
import java.time.Instant;
import java.util.List;

/**
 * What is written back into an image's metadata from one canonical result (docs/metadata-write-back.md).
 *
 * @param title       dc:title, IIM Object Name (2:05)
 * @param description dc:description, IIM Caption-Abstract (2:120): the result's description, else its caption
 * @param headline    photoshop:Headline: the caption, else the title
 * @param altText     Iptc4xmpCore:AltTextAccessibility
 * @param keywords    dc:subject, IIM Keywords (2:25)
 * @param language    the result's language (an RFC 3066 tag such as {@code en}), or null: then x-default only
 * @param provenance  who said so, in the project's namespace
 */
public record MetadataFields(String title, String description, String headline, String altText, List<String> keywords,
                             String language, Provenance provenance) {

    /** @param model the model named in the provider's answer ({@code raw.model}), or null */
    public record Provenance(String provider, String operation, String model, String imageSha256, Instant createdAt) {
    }

    public MetadataFields {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        language = language == null || language.isBlank() ? null : language;
    }

    public static MetadataFields of(CaptionResult r) {
        String model = r.raw() != null && r.raw().path("model").isTextual() ? r.raw().path("model").asText() : null;
        return new MetadataFields(blankToNull(r.title()), firstOf(r.description(), r.caption()), firstOf(r.caption(), r.title()),
                blankToNull(r.altText()), r.tags(), r.language(),
                new Provenance(r.provider(), r.operation(), model, r.imageSha256(), r.createdAt()));
    }

    private static String firstOf(String first, String second) {
        return blankToNull(first) != null ? first.strip() : blankToNull(second);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
