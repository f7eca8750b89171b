package io.captionrelay.media;

import io.captionrelay.failure.RelayException;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.pipeline.ImageJob;
import java.net.URI;
import java.time.Duration;

/**
 * Where a provider that only takes URLs can fetch an image from. File sources use signed, expiring
 * links served by CaptionRelay itself; an S3 source gives a presigned URL of its own object.
 */
public interface ImageUrlSource {

    URI urlFor(ImageJob job, PreparedImage image, Duration ttl) throws RelayException;
}
