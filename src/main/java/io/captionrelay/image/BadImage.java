package io.captionrelay.image;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import java.util.Locale;

/** The BAD_INPUT refusals intake gives for broken images, worded for a person. */
final class BadImage {

    private BadImage() {
    }

    static RelayException truncated(String detail) {
        return RelayException.badInput("the image is truncated: " + detail);
    }

    static RelayException corrupt(String detail) {
        return RelayException.badInput("the image is corrupt: " + detail);
    }

    static RelayException corrupt(String detail, Throwable cause) {
        return RelayException.badInput("the image is corrupt: " + detail, cause);
    }

    /** The name people know the format by: JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC, AVIF. */
    static String name(ImageFormat format) {
        return format == ImageFormat.WEBP ? "WebP" : format.name();
    }

    static String hexByte(int value) {
        return String.format(Locale.ROOT, "%02X", value);
    }
}
