package io.captionrelay.model;

/**
 * What intake learns about an image without decoding its pixels.
 *
 * @param sha256    lower-case hex SHA-256 of the original bytes: the image's identity
 * @param format    the real format, from the bytes
 * @param width     stored width in pixels (before any EXIF rotation; HEIC and AVIF: as libheif shows them,
 *                  after the file's own rotation and crop)
 * @param height    stored height in pixels
 * @param sizeBytes size of the original file
 */
public record ImageFacts(String sha256, ImageFormat format, int width, int height, long sizeBytes) {

    public long pixels() {
        return (long) width * height;
    }
}
