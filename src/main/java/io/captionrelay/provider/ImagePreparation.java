package io.captionrelay.provider;

import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageJob;

/** Fits a job's image to a provider (see {@code ImagePreparer}). */
@FunctionalInterface
public interface ImagePreparation {

    /**
     * @param refused the attempt the provider refused as bad input, or null for the first attempt;
     *                when given, the result is a smaller JPEG
     */
    PreparedImage prepare(ImageJob job, ImageRequirements requirements, PreparedImage refused) throws RelayException;

    /**
     * This preparation for one provider: animations as their first frame when it takes still images only,
     * and pixels turned upright unless {@code turnedUpright} is false (see {@link ImageRequirements#sending}).
     */
    default ImagePreparation sending(boolean stillImagesOnly, boolean turnedUpright) {
        return (job, requirements, refused) -> prepare(job, requirements.sending(stillImagesOnly, turnedUpright), refused);
    }
}
