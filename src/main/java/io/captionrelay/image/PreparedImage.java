package io.captionrelay.image;

import io.captionrelay.model.ImageFormat;
import java.util.Base64;

/**
 * The image as it is sent to one provider: the original bytes when they already fit, otherwise a
 * converted, scaled or cleaned copy. The declared type always matches the bytes.
 *
 * @param bytes     what is sent
 * @param format    the format of {@code bytes}
 * @param width     displayed width of {@code bytes}
 * @param height    displayed height of {@code bytes}
 * @param unchanged true when {@code bytes} are the original file, byte for byte
 */
public record PreparedImage(byte[] bytes, ImageFormat format, int width, int height, boolean unchanged) {

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
