package io.captionrelay.media;

import io.captionrelay.failure.RelayException;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageJob;
import java.net.URI;
import java.time.Duration;

/**
 * Gives a provider that takes images only by URL (ImaginePro) a link it can fetch the prepared
 * image from, valid for at least {@code ttl}.
 *
 * <p>For file sources the app serves the image itself: {@link SignedMediaLinks} stores the bytes
 * and returns a signed, expiring link under the configured public base URL. This is also the seam
 * for object stores: an S3 source will give its own presigned URL here (a staging bucket likewise),
 * so provider adapters depend only on this interface and never on where the bytes live.
 */
public interface ImageUrlSource {

    /**
     * @param job   the image being described (an S3 source can presign its own key)
     * @param image the bytes the provider must see, already prepared for it
     * @param ttl   how long the link must stay valid: at least as long as the provider may take to fetch
     * @return an absolute http(s) URL
     * @throws RelayException BAD_INPUT when the image cannot be offered by URL, TRANSIENT when storing failed
     */
    URI urlFor(ImageJob job, PreparedImage image, Duration ttl) throws RelayException;
}
