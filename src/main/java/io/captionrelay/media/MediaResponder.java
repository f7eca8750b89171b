package io.captionrelay.media;

import io.captionrelay.media.MediaLinkVerifier.Verdict;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a media request: 200 with the bytes for a valid link to a stored image, 403 for a forged
 * or expired link, 404 for a malformed name or an image no longer stored. The file system is only
 * consulted after the signature checked out.
 */
public record MediaResponder(MediaLinkVerifier verifier, MediaFolder folder, Clock clock) {

    private static final Logger LOG = LoggerFactory.getLogger(MediaResponder.class);

    /** Arguments are the raw request values; any may be null. */
    public MediaReply answer(String fileName, String expires, String sig) throws IOException {
        Verdict verdict = verifier.verify(fileName, expires, sig, clock.instant());
        return switch (verdict.outcome()) {
            case MALFORMED -> notFound();
            case FORGED, EXPIRED -> {
                LOG.debug("Refused a media request: {}", verdict.outcome());
                yield MediaReply.refusal(403, "Forbidden");
            }
            case VALID -> serve(verdict);
        };
    }

    private MediaReply serve(Verdict verdict) throws IOException {
        Optional<byte[]> bytes = folder.read(verdict.name());
        return bytes.isPresent() ? MediaReply.image(verdict.name(), bytes.get(), verdict.remainingSeconds()) : notFound();
    }

    private static MediaReply notFound() {
        return MediaReply.refusal(404, "Not Found");
    }
}
