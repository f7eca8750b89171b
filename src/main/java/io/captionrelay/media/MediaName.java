package io.captionrelay.media;

import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name a prepared image is stored and linked under: the SHA-256 of its bytes in lower-case hex
 * and an extension, e.g. {@code 3f…a9.jpg}. Only names of exactly that shape are ever resolved
 * against the media folder, so a request can never name another file.
 */
public final class MediaName {

    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}\\.(jpg|png|webp|gif)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "jpg", "image/jpeg", "png", "image/png", "webp", "image/webp", "gif", "image/gif");
    private static final Map<ImageFormat, String> EXTENSIONS = Map.of(
            ImageFormat.JPEG, "jpg", ImageFormat.PNG, "png", ImageFormat.WEBP, "webp", ImageFormat.GIF, "gif");

    private final String fileName;
    private final String contentType;

    private MediaName(String fileName, String contentType) {
        this.fileName = fileName;
        this.contentType = contentType;
    }

    /** The name of {@code image}; empty for formats not served by link (BMP, TIFF). */
    public static Optional<MediaName> of(PreparedImage image) {
        String extension = EXTENSIONS.get(image.format());
        if (extension == null) {
            return Optional.empty();
        }
        return Optional.of(new MediaName(HexFormat.of().formatHex(sha256(image.bytes())) + "." + extension,
                CONTENT_TYPES.get(extension)));
    }

    /** A name from a request; empty unless it has exactly the stored shape. */
    public static Optional<MediaName> parse(String untrusted) {
        if (untrusted == null || !SHAPE.matcher(untrusted).matches()) {
            return Optional.empty();
        }
        String extension = untrusted.substring(untrusted.indexOf('.') + 1);
        return Optional.of(new MediaName(untrusted, CONTENT_TYPES.get(extension)));
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MediaName name && name.fileName.equals(fileName);
    }

    @Override
    public int hashCode() {
        return fileName.hashCode();
    }

    @Override
    public String toString() {
        return fileName;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
