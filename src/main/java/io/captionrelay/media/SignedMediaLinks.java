package io.captionrelay.media;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageJob;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Serves prepared images from the app itself: stores the bytes in the {@link MediaFolder} and
 * returns {@code {publicBaseUrl}/media/{sha256}.{ext}?expires={epochSeconds}&sig={signature}},
 * which {@link MediaLinkRoutes} answers until it expires.
 *
 * @param publicBaseUrl where providers reach this app's HTTP server, without a trailing slash
 * @param maxTtl        the longest link handed out: files are kept at least this long
 */
public record SignedMediaLinks(String publicBaseUrl, MediaFolder folder, LinkSigner signer, Duration maxTtl, Clock clock) implements ImageUrlSource {

    @Override
    public URI urlFor(ImageJob job, PreparedImage image, Duration ttl) throws RelayException {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("a media link ttl must be positive and at most " + maxTtl + ", not " + ttl);
        }
        MediaName name = MediaName.of(image).orElseThrow(() -> RelayException.badInput(
                image.format() + " images cannot be offered by link; prepare them as JPEG, PNG, WebP or GIF"));
        try {
            folder.store(name, image);
        } catch (IOException e) {
            throw new RelayException(ErrorClass.TRANSIENT, "could not store " + job.source() + " in the media folder "
                    + folder.dir() + ": " + e.getMessage(), e);
        }
        Instant end = clock.instant().plus(ttl);
        // rounded up, so a link never lives shorter than asked
        String expiresText = Long.toString(end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0));
        return URI.create(publicBaseUrl + "/media/" + name.fileName()
                + "?expires=" + expiresText + "&sig=" + signer.signature(name.fileName(), expiresText));
    }
}
