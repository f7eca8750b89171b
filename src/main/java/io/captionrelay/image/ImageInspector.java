package io.captionrelay.image;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Intake inspection: refuses what is not a whole, reasonably sized image, and learns the image's facts from its
 * bytes without decoding the pixels of JPEG, PNG, GIF, BMP, WebP, HEIC or AVIF. Thread-safe.
 */
public final class ImageInspector {

    private static final String NOT_AN_IMAGE = "not an image: the bytes are not JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC or AVIF";
    private static final long KB = 1024;
    private static final long MB = KB * KB;

    private final long maxBytes;
    private final long maxPixels;

    /**
     * @param maxBytes  refuse larger files (default in app: 50 MB)
     * @param maxPixels decompression-bomb limit on width × height (default in app: 100_000_000)
     */
    public ImageInspector(long maxBytes, long maxPixels) {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("maxBytes and maxPixels must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
    }

    /** @throws RelayException BAD_INPUT, with a message a person understands, for anything that is not acceptable */
    public ImageFacts inspect(byte[] bytes) throws RelayException {
        try {
            return inspectChecked(bytes);
        } catch (RuntimeException e) {
            throw RelayException.badInput("the image is corrupt: it can't be read", e);
        }
    }

    private ImageFacts inspectChecked(byte[] bytes) throws RelayException {
        if (bytes == null || bytes.length == 0) {
            throw RelayException.badInput("the file is empty");
        }
        if (bytes.length > maxBytes) {
            throw RelayException.badInput(tooLarge(bytes.length));
        }
        String sha256 = sha256(bytes);
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> RelayException.badInput(
                ContentGuess.of(bytes).map(guess -> NOT_AN_IMAGE + "; they look like " + guess).orElse(NOT_AN_IMAGE)));
        ImageHeader.Size size = readHeader(format, bytes);
        if (size.pixels() > maxPixels) {
            throw RelayException.badInput(String.format(Locale.ROOT,
                    "the image claims %d × %d pixels (%.1f megapixels); the limit is %.1f megapixels",
                    size.width(), size.height(), size.pixels() / 1e6, maxPixels / 1e6));
        }
        ImageStructure.check(format, bytes);
        return new ImageFacts(sha256, format, size.width(), size.height(), bytes.length);
    }

    private static ImageHeader.Size readHeader(ImageFormat format, byte[] bytes) throws RelayException {
        try {
            return ImageHeader.read(format, bytes);
        } catch (RelayException unreadable) {
            ImageStructure.check(format, bytes); // "truncated" or a precise defect explains more than "unreadable"
            throw unreadable;
        }
    }

    private String tooLarge(long size) {
        String actual = describeSize(size);
        String limit = describeSize(maxBytes);
        if (actual.equals(limit)) {
            actual += " (" + size + " bytes)";
            limit += " (" + maxBytes + " bytes)";
        }
        return "the file is " + actual + "; the limit is " + limit;
    }

    /** 1000 bytes, 4.9 KB, 63.2 MB (binary units). */
    static String describeSize(long bytes) {
        if (bytes < KB) {
            return bytes + " bytes";
        }
        return bytes < MB
                ? String.format(Locale.ROOT, "%.1f KB", bytes / (double) KB)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }

    /** The SHA-256 of {@code bytes} in hex, as image hashes are written everywhere. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
