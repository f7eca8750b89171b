package io.captionrelay.media;

import io.captionrelay.failure.RelayException;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageJob;
import java.net.URI;
import java.time.Duration;

/**
 * Picks the {@link ImageUrlSource} by where the job came from: images from S3 ({@code s3://...}) get
 * presigned links to the bucket; every other image (the drop folder) gets the app's signed media links.
 */
public record ImageUrlsBySource(ImageUrlSource s3, ImageUrlSource others) implements ImageUrlSource {

    @Override
    public URI urlFor(ImageJob job, PreparedImage image, Duration ttl) throws RelayException {
        return (job.source() != null && job.source().startsWith("s3://") ? s3 : others).urlFor(job, image, ttl);
    }
}
