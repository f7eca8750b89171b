package io.captionrelay.provider.imagedescriber;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.Secret;
import io.captionrelay.provider.ProviderSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What both imagedescriber.app operations share (docs/providers/imagedescriber.md): the answer language, the image
 * requirements and the authorization header. Read once, when the adapter is built, so that a wrong
 * setting stops start-up instead of failing every image.
 *
 * @param language     the {@code lang} sent, one of {@link #LANGUAGES}
 * @param requirements JPEG, PNG or WebP, at most {@code max-bytes}, GPS only with {@code keep-gps=true}
 */
record ImageDescriberOptions(String language, ImageRequirements requirements) {

    /** The language codes the documents list; {@code en} is the provider's default. */
    static final List<String> LANGUAGES = List.of("en", "zh", "fr", "de", "es", "ja", "ko");
    static final String DEFAULT_LANGUAGE = "en";
    /** "The maximum image size is 4MB", read as 4,000,000 bytes: the smaller of the two readings. */
    static final long DEFAULT_MAX_BYTES = 4_000_000;
    /** The larger reading of "4MB" (4 MiB): {@code max-bytes} may be raised to it, not beyond. */
    static final long LARGEST_MAX_BYTES = 4L * 1024 * 1024;
    static final Set<ImageFormat> FORMATS = Set.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP);

    static ImageDescriberOptions from(ProviderSettings settings) {
        String language = settings.string("language", DEFAULT_LANGUAGE);
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("relay.provider." + settings.id() + ".language is '" + language
                    + "', but imagedescriber answers only in " + String.join(", ", LANGUAGES) + " (default " + DEFAULT_LANGUAGE + ")");
        }
        long maxBytes;
        try {
            maxBytes = settings.longValue("max-bytes", DEFAULT_MAX_BYTES);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("relay.provider." + settings.id() + ".max-bytes must be a number of bytes", e);
        }
        if (maxBytes <= 0 || maxBytes > LARGEST_MAX_BYTES) {
            throw new IllegalArgumentException("relay.provider." + settings.id() + ".max-bytes is " + maxBytes
                    + ", but imagedescriber takes images of at most 4 MB (" + LARGEST_MAX_BYTES + " bytes at the most generous reading)");
        }
        return new ImageDescriberOptions(language, new ImageRequirements(FORMATS, maxBytes, settings.bool("keep-gps", false)));
    }

    /** The headers both endpoints want besides {@code content-type: application/json}. */
    static Map<String, String> headers(Secret key) throws RelayException {
        if (key == null) {
            throw new RelayException(ErrorClass.AUTH, "imagedescriber needs an API key (relay.provider.imagedescriber.api-key)");
        }
        return Map.of("authorization", "Bearer " + key.reveal());
    }
}
