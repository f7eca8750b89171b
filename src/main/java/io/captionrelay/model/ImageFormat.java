package io.captionrelay.model;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The image formats CaptionRelay takes in, recognised from their leading bytes, never from a file name. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpeg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif"),
    BMP("image/bmp", "bmp"),
    TIFF("image/tiff", "tiff"),
    WEBP("image/webp", "webp"),
    /** HEIC and other HEIF images (iPhone photos), decoded through libheif's heif-convert. */
    HEIC("image/heic", "heic"),
    /** AV1 images in a HEIF container, decoded through libheif's heif-convert. */
    AVIF("image/avif", "avif");

    /** ISO-BMFF {@code ftyp} brands of HEIF images (HEVC or generic), and of AVIF images. */
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");
    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");

    private final String mimeType;
    private final String imageIoName;

    ImageFormat(String mimeType, String imageIoName) {
        this.mimeType = mimeType;
        this.imageIoName = imageIoName;
    }

    public String mimeType() {
        return mimeType;
    }

    /** HEIC and AVIF: HEIF containers, which only libheif (not ImageIO) decodes. */
    public boolean isHeif() {
        return this == HEIC || this == AVIF;
    }

    /** The format name ImageIO readers are registered under. */
    public String imageIoName() {
        return imageIoName;
    }

    /** Recognises the format from the magic bytes at the start of the file. */
    public static Optional<ImageFormat> sniff(byte[] b) {
        if (b == null) {
            return Optional.empty();
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8') && b.length > 5 && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return Optional.of(GIF);
        }
        if (startsWith(b, 0, 'B', 'M') && b.length >= 26) {
            return Optional.of(BMP);
        }
        if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)) {
            return Optional.of(TIFF);
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        return isoMedia(b);
    }

    /**
     * A HEIF container by its {@code ftyp} box: the major brand decides, then the compatible brands (an AVIF
     * may have the generic major brand {@code mif1} and {@code avif} among the compatible ones). MP4 and
     * QuickTime brands ({@code isom}, {@code mp42}, {@code qt  }) are not images.
     */
    private static Optional<ImageFormat> isoMedia(byte[] b) {
        if (!startsWith(b, 4, 'f', 't', 'y', 'p') || b.length < 12) {
            return Optional.empty();
        }
        String major = brand(b, 8);
        long boxSize = (b[0] & 0xFFL) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
        Set<String> compatible = new HashSet<>();
        for (int at = 16; at + 4 <= Math.min(b.length, boxSize); at += 4) { // after the major brand and minor version
            compatible.add(brand(b, at));
        }
        boolean avif = compatible.stream().anyMatch(AVIF_BRANDS::contains);
        if (AVIF_BRANDS.contains(major) || avif && !major.startsWith("he")) {
            return Optional.of(AVIF);
        }
        return HEIF_BRANDS.contains(major) || compatible.stream().anyMatch(HEIF_BRANDS::contains)
                ? Optional.of(HEIC) : Optional.empty();
    }

    private static String brand(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
