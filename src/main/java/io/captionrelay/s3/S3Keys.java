package io.captionrelay.s3;

import io.captionrelay.model.RelayHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.support.LanguageSupport;

/**
 * Builds the object keys CaptionRelay writes (sidecars, reason records, moved and staged objects)
 * and hands keys to the camel-aws2-s3 producer safely.
 *
 * <p>Two S3 facts shape this class: a key is at most 1024 bytes of UTF-8, and the producer treats a
 * {@code CamelAwsS3Key} header that contains {@code ${...}} as a Simple expression and evaluates it.
 * An uploaded object called {@code ${camelContext.stop()}.jpg} must stay a name, so {@link #use}
 * passes such keys through a header the expression merely reads.
 */
public final class S3Keys {

    /** S3's limit on a key, in bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;
    /** Header holding the raw key when {@code CamelAwsS3Key} has to be an expression that reads it. */
    public static final String RAW_KEY = RelayHeaders.S3_RAW_KEY;

    private static final String READ_RAW_KEY = "${header." + RAW_KEY + "}";

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

    /**
     * Sets the key the next aws2-s3 producer call works on, exactly as given: plain keys go into
     * {@code CamelAwsS3Key}; keys the producer would evaluate as an expression go into {@link #RAW_KEY}
     * and {@code CamelAwsS3Key} becomes the expression that reads it back.
     */
    public static void use(Message message, String key) {
        message.setHeader(RAW_KEY, key);
        message.setHeader(AWS2S3Constants.KEY, LanguageSupport.hasSimpleFunction(key) ? READ_RAW_KEY : key);
    }

    /** Removes every {@code CamelAwsS3*} header (the consumer's object size, type, metadata ...) before a producer call. */
    public static void clearS3Headers(Message message) {
        message.removeHeaders("CamelAwsS3*");
        message.removeHeader(RAW_KEY);
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
