package io.captionrelay.image;

import io.captionrelay.model.ImageFormat;
import java.util.Set;

/**
 * What a provider accepts: the formats it takes, the largest file, whether location metadata may be sent,
 * whether it takes animations, and whether it must be sent pixels already upright. {@link ImagePreparer}
 * fits each image to these.
 *
 * @param formats   the formats the provider takes as they are
 * @param maxBytes  the largest file the provider takes
 * @param keepGps   true only when the user opted in to sending GPS metadata
 * @param stillOnly the provider takes still images only: an animated GIF is sent as its first frame
 * @param upright   an image whose EXIF orientation is not 1 is turned in its pixels, never sent for the
 *                  provider to turn (false: sent as it is when it fits, tag included)
 */
public record ImageRequirements(Set<ImageFormat> formats, long maxBytes, boolean keepGps, boolean stillOnly, boolean upright) {

    /** Still images only, turned upright: what every provider gets unless it says otherwise. */
    public ImageRequirements(Set<ImageFormat> formats, long maxBytes, boolean keepGps) {
        this(formats, maxBytes, keepGps, true, true);
    }

    public ImageRequirements {
        formats = Set.copyOf(formats);
        if (formats.isEmpty() || maxBytes <= 0) {
            throw new IllegalArgumentException("a provider takes at least one format and a positive size");
        }
    }

    public boolean accepts(ImageFormat format) {
        return formats.contains(format);
    }

    /** The same requirements for a provider that does or does not take animations and upright pixels. */
    public ImageRequirements sending(boolean stillImagesOnly, boolean turnedUpright) {
        return new ImageRequirements(formats, maxBytes, keepGps, stillImagesOnly, turnedUpright);
    }
}
