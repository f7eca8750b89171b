package io.captionrelay.provider.local;

import io.captionrelay.model.ImageFormat;

/**
 * Everything the local provider measured about one image.
 *
 * @param format the image format
 * @param width  stored width in pixels
 * @param height stored height in pixels
 * @param exif   what the EXIF metadata says
 * @param pixels colour and brightness of the sampled pixels
 */
record LocalFacts(ImageFormat format, int width, int height, ExifFacts exif, PixelStats pixels) {

    /** Width as the image is shown, after the EXIF orientation. */
    int displayWidth() {
        return exif.swapsWidthAndHeight() ? height : width;
    }

    int displayHeight() {
        return exif.swapsWidthAndHeight() ? width : height;
    }

    /** "landscape", "portrait" or "square", as shown. */
    String orientation() {
        int w = displayWidth();
        int h = displayHeight();
        return w > h ? "landscape" : w < h ? "portrait" : "square";
    }

    /** Megapixels rounded to one decimal. */
    double megapixels() {
        return Math.round((double) width * height / 100_000.0) / 10.0;
    }

    /** The format as people write it: JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC, AVIF. */
    String formatName() {
        return format == ImageFormat.WEBP ? "WebP" : format.name();
    }
}
