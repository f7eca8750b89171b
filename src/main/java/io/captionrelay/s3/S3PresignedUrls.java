package io.captionrelay.s3;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.media.ImageUrlSource;
import io.captionrelay.model.ImageJob;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Presigned GET links for images that came from S3, so a provider that takes images only by URL
 * fetches them from the bucket instead of from this app.
 *
 * <p>An image the provider takes as it is gets a link to its own object. A prepared copy (converted,
 * scaled, stripped of GPS) is first put under the staging prefix, named by the hash of its bytes
 * ({@code staging/<sha256>.jpg}), and that object is linked; staged copies are not deleted here (a
 * provider may fetch late): give the staging prefix a lifecycle rule that expires it.
 *
 * <p>Both go through {@link S3Store}: a put, then a link from the shared presigner (which knows the endpoint
 * providers reach and path-style addressing).
 */
public record S3PresignedUrls(S3Store store, String stagingPrefix) implements ImageUrlSource {

    /** SigV4 presigned URLs live at most 7 days. */
    public static final Duration MAX_TTL = Duration.ofDays(7);

    @Override
    public URI urlFor(ImageJob job, PreparedImage image, Duration ttl) throws RelayException {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("a presigned S3 link lives between 1 ms and 7 days, not " + ttl);
        }
        S3Location source = S3Location.parse(job.source()).orElseThrow(() -> new IllegalArgumentException(
                "not an S3 source: " + job.source()));
        S3Location linked = source;
        if (!image.unchanged()) {
            linked = new S3Location(source.bucket(),
                    stagingPrefix + image.fileName(HexFormat.of().formatHex(S3Keys.sha256(image.bytes()))));
            stage(job, linked, image);
        }
        return presign(job, linked, ttl);
    }

    private void stage(ImageJob job, S3Location target, PreparedImage image) throws RelayException {
        try {
            store.put(target.bucket(), target.key(), image.bytes(), image.mimeType());
        } catch (RuntimeException e) {
            throw new RelayException(ErrorClass.TRANSIENT, "could not stage the prepared copy of " + job.source()
                    + " as " + target + ": " + e.getMessage(), e);
        }
    }

    private URI presign(ImageJob job, S3Location target, Duration ttl) throws RelayException {
        try {
            return store.presign(target.bucket(), target.key(), ttl);
        } catch (RuntimeException e) {
            throw new RelayException(ErrorClass.TRANSIENT, "could not presign a link to " + target + " for " + job.source()
                    + ": " + e.getMessage(), e);
        }
    }
}
