package io.captionrelay.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks media links: {@code base64url(HMAC-SHA256(key, fileName + ":" + expires))},
 * without padding. The key never leaves this object, not even through {@link #toString()}.
 */
public final class LinkSigner {

    /** Keys shorter than this are refused: HMAC-SHA256 is only as strong as its key. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public LinkSigner(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a media signing key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** A signer with a key that exists only in this JVM: its links die with it. */
    public static LinkSigner random() {
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new LinkSigner(key);
    }

    /** @param expires epoch seconds, exactly as written in the link */
    public String signature(String fileName, String expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] sig = mac.doFinal((fileName + ":" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Constant-time: how much of {@code sig} is right cannot be learnt from how long this takes. */
    public boolean matches(String fileName, String expires, String sig) {
        if (sig == null) {
            return false;
        }
        byte[] expected = signature(fileName, expires).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "LinkSigner[HMAC-SHA256]";
    }
}
