package io.captionrelay.media;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a requested media link is genuine and still valid. Pure: it never touches the
 * file system, so a malformed or forged request is refused before any file is looked at.
 */
public final class MediaLinkVerifier {

    /** Epoch seconds, as written by {@link SignedMediaLinks}: digits only, no sign, bounded length. */
    private static final Pattern EXPIRES = Pattern.compile("[0-9]{1,12}");

    public enum Outcome {
        /** Signed by us and not expired. */
        VALID,
        /** The file name is not a media name; nothing by that name can exist. */
        MALFORMED,
        /** Missing, unreadable or wrong signature or expiry: not a link we issued. */
        FORGED,
        /** A link we issued, past its expiry. */
        EXPIRED
    }

    /** @param remainingSeconds how long a VALID link stays valid; 0 otherwise */
    public record Verdict(Outcome outcome, MediaName name, long remainingSeconds) {

        static Verdict refused(Outcome outcome) {
            return new Verdict(outcome, null, 0);
        }
    }

    private final LinkSigner signer;

    public MediaLinkVerifier(LinkSigner signer) {
        this.signer = signer;
    }

    public Verdict verify(String fileName, String expires, String sig, Instant now) {
        Optional<MediaName> name = MediaName.parse(fileName);
        if (name.isEmpty()) {
            return Verdict.refused(Outcome.MALFORMED);
        }
        if (expires == null || !EXPIRES.matcher(expires).matches()
                || !signer.matches(name.get().fileName(), expires, sig)) {
            return Verdict.refused(Outcome.FORGED);
        }
        long remaining = Long.parseLong(expires) - now.getEpochSecond();
        if (remaining <= 0) {
            return Verdict.refused(Outcome.EXPIRED);
        }
        return new Verdict(Outcome.VALID, name.get(), remaining);
    }
}
