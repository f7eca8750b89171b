package io.captionrelay.provider.imaginepro;

import io.captionrelay.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A job row keeps a short fingerprint of the key that submitted it, so that its fetches, even after a restart,
 * use the same account: not the key, and not enough to guess it.
 */
final class KeyHints {

    private KeyHints() {
    }

    /** The first 4 bytes of the key's SHA-256, in hex; null for no key. */
    static String of(Secret key) {
        if (key == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configured key with this fingerprint; else the first key (the job's key was removed from configuration). */
    static Optional<Secret> find(List<Secret> keys, String hint) {
        return keys.stream().filter(k -> of(k).equals(hint)).findFirst().or(() -> keys.stream().findFirst());
    }
}
