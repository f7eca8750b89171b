package io.captionrelay.provider;

import java.util.Locale;

/**
 * How a provider receives the image, setting {@code image-form}: {@link #INLINE} in the request (a data URI
 * in JSON, or a multipart file, as the provider takes it) or {@link #URL}, a signed, expiring link it fetches.
 * Accepted values, any case: {@code data} (aliases {@code data-uri} and {@code file}, the names earlier versions
 * used per provider) and {@code url}. The default is {@code data}.
 */
public enum ImageForm {
    INLINE, URL;

    /** The task's {@code image-form}; an unknown value stops start-up with a sentence naming the key. */
    public static ImageForm of(ProviderSettings settings) {
        String value = settings.string("image-form", "data");
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "data", "data-uri", "file" -> INLINE;
            case "url" -> URL;
            default -> throw new IllegalArgumentException("relay.provider." + settings.id() + ".image-form must be data or url"
                    + " (data-uri and file mean data), not '" + value + "'");
        };
    }
}
