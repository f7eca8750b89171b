package io.captionrelay.image;

import io.captionrelay.model.ImageFormat;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The image as it is sent to one provider: the original bytes when they already fit, otherwise a
 * converted, scaled or cleaned copy. The declared type always matches the bytes.
 *
 * @param bytes     what is sent
 * @param format    the format of {@code bytes}
 * @param width     displayed width of {@code bytes}
 * @param height    displayed height of {@code bytes}
 * @param unchanged true when {@code bytes} are the original file, byte for byte
 * @param quality   the JPEG quality (0–1) the pixels were encoded at; null when not encoded as JPEG here
 * @param encodes   how many encodes it took to fit the size limit; 0 when the pixels were not encoded here
 */
public record PreparedImage(byte[] bytes, ImageFormat format, int width, int height, boolean unchanged, Float quality, int encodes) {

    /** Bytes that were not encoded here: the original, or the original with its location removed. */
    public PreparedImage(byte[] bytes, ImageFormat format, int width, int height, boolean unchanged) {
        this(bytes, format, width, height, unchanged, null, 0);
    }

    /**
     * What was sent, for the result's {@code usage.prepared}: {@code width}, {@code height}, {@code format},
     * {@code bytes}, {@code quality} (only when encoded as JPEG here), {@code encodes} and {@code unchanged}.
     */
    public Map<String, Object> usage() {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("width", width);
        usage.put("height", height);
        usage.put("format", format.name());
        usage.put("bytes", bytes.length);
        if (quality != null) {
            usage.put("quality", Math.round(quality * 100) / 100.0); // 0.9, not the float's 0.8999999761581421
        }
        usage.put("encodes", encodes);
        usage.put("unchanged", unchanged);
        return Collections.unmodifiableMap(usage);
    }

    public String mimeType() {
        return format.mimeType();
    }

    /** {@code data:image/jpeg;base64,...} */
    public String dataUri() {
        return "data:" + format.mimeType() + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** A file name with the right extension, for multipart parts and links. */
    public String fileName(String stem) {
        return stem + "." + switch (format) {
            case JPEG -> "jpg";
            case TIFF -> "tiff";
            default -> format.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
