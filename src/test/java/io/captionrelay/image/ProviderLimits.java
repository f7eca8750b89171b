package io.captionrelay.image;

import static io.captionrelay.model.ImageFormat.GIF;
import static io.captionrelay.model.ImageFormat.JPEG;
import static io.captionrelay.model.ImageFormat.PNG;
import static io.captionrelay.model.ImageFormat.WEBP;

import io.captionrelay.model.ImageFormat;
import java.util.Set;

/** The accepted formats and size limits of each provider, as PROVIDERS.md gives them. */
enum ProviderLimits {
    IMAGEDESCRIBER(Set.of(JPEG, PNG, WEBP), 4 * ProviderLimits.MB),
    APIVERVE(Set.of(JPEG, PNG, GIF), 5 * ProviderLimits.MB),
    /** No size is documented: 10 MB stands in. */
    MEMORIES_AI(Set.of(PNG, JPEG), 10 * ProviderLimits.MB),
    /** The URL form: the document recommends less than 1 MB. */
    IMAGINEPRO(Set.of(JPEG, PNG, WEBP), ProviderLimits.MB),
    OPENAI_COMPATIBLE(Set.of(JPEG, PNG, GIF, WEBP), 20 * ProviderLimits.MB);

    static final long MB = 1024 * 1024;

    private final Set<ImageFormat> formats;
    private final long maxBytes;

    ProviderLimits(Set<ImageFormat> formats, long maxBytes) {
        this.formats = formats;
        this.maxBytes = maxBytes;
    }

    ImageRequirements requirements() {
        return new ImageRequirements(formats, maxBytes, false);
    }

    ImageRequirements keepingGps() {
        return new ImageRequirements(formats, maxBytes, true);
    }
}
