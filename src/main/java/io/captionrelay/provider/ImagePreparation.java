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
}
