package io.captionrelay.image;

import io.captionrelay.model.ImageFormat;
import java.util.Set;

/**
 * What a provider accepts: the formats it takes, the largest file, and whether location metadata may
 * be sent. {@link ImagePreparer} fits each image to these.
 *
 * @param formats  the formats the provider takes as they are
 * @param maxBytes the largest file the provider takes
 * @param keepGps  true only when the user opted in to sending GPS metadata
 */
public record ImageRequirements(Set<ImageFormat> formats, long maxBytes, boolean keepGps) {

    public ImageRequirements {
        formats = Set.copyOf(formats);
        if (formats.isEmpty() || maxBytes <= 0) {
            throw new IllegalArgumentException("a provider takes at least one format and a positive size");
        }
    }

    public boolean accepts(ImageFormat format) {
        return formats.contains(format);
    }
}
