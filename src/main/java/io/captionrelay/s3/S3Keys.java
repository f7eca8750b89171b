package io.captionrelay.s3;

import io.captionrelay.model.RelayHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds the object keys CaptionRelay writes (sidecars, reason records, moved and staged objects).
 * A key is at most 1024 bytes of UTF-8. Keys go to S3 only through {@link S3Store}, which hands them
 * to the SDK as they are (the aws2-s3 producer would evaluate a key holding {@code ${...}}).
 */
public final class S3Keys {

    /** S3's limit on a key, in bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;
    private S3Keys() {
    }

    /**
     * {@code prefix + path + suffix}, with {@code path} shortened (its end replaced by {@code ~} and a
     * hash of the whole path) when the key would pass {@value #MAX_KEY_BYTES} bytes. Prefix and suffix
     * are kept whole, so the key stays under its prefix and keeps its extension.
     */
    public static String join(String prefix, String path, String suffix) {
        String key = prefix + path + suffix;
        int bytes = utf8(key);
        if (bytes <= MAX_KEY_BYTES) {
            return key;
        }
        String hash = "~" + HexFormat.of().formatHex(sha256(path.getBytes(StandardCharsets.UTF_8)), 0, 8);
        int budget = MAX_KEY_BYTES - utf8(prefix) - utf8(suffix) - hash.length();
        if (budget < 0) {
            throw new IllegalArgumentException("prefix and suffix alone are longer than an S3 key may be");
        }
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < path.length(); ) {
            int cp = path.codePointAt(i);
            int size = utf8(new String(Character.toChars(cp)));
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return prefix + kept + hash + suffix;
    }

    static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
