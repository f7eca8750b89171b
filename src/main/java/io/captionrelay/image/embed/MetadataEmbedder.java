package io.captionrelay.image.embed;

import io.captionrelay.model.ImageFormat;
import java.util.Optional;

/**
 * Writes a result's fields into a copy of an image's bytes, in the place each format keeps metadata
 * (docs/metadata-write-back.md): JPEG APP1 XMP and APP13 IPTC-IIM, PNG iTXt, WebP "XMP " chunk, TIFF tag 700.
 * The given bytes are never changed; the pixels are never decoded.
 */
public final class MetadataEmbedder {

    private MetadataEmbedder() {
    }

    /** True for the formats a copy with metadata can be made of. */
    public static boolean supports(ImageFormat format) {
        return format == ImageFormat.JPEG || format == ImageFormat.PNG || format == ImageFormat.WEBP || format == ImageFormat.TIFF;
    }

    /** The copy with the fields written in; {@link IllegalArgumentException} for a format not {@link #supports supported}. */
    public static byte[] embed(byte[] image, ImageFormat format, MetadataFields fields, WriteMode mode) {
        return switch (format) {
            case JPEG -> JpegEmbedder.embed(image, fields, mode);
            case PNG -> PngEmbedder.embed(image, fields, mode);
            case WEBP -> WebpEmbedder.embed(image, fields, mode);
            case TIFF -> TiffEmbedder.embed(image, fields, mode);
            default -> throw new IllegalArgumentException(format.name() + " images have no place for XMP that CaptionRelay writes");
        };
    }

    /** The XMP packet the image already has, if any (empty for formats not supported). */
    public static Optional<byte[]> xmp(byte[] image, ImageFormat format) {
        return switch (format) {
            case JPEG -> JpegEmbedder.xmp(image);
            case PNG -> PngEmbedder.xmp(image);
            case WEBP -> WebpEmbedder.xmp(image);
            case TIFF -> TiffEmbedder.xmp(image);
            default -> Optional.empty();
        };
    }

    /** The {@code cr:imageSha256} an XMP packet written by CaptionRelay names, if any. */
    public static Optional<String> describedImage(byte[] xmpPacket) {
        try {
            return Optional.ofNullable(com.adobe.internal.xmp.XMPMetaFactory.parseFromBuffer(xmpPacket)
                    .getPropertyString(XmpWriter.NS_CR, "imageSha256"));
        } catch (com.adobe.internal.xmp.XMPException unreadable) {
            return Optional.empty();
        }
    }

    /** The XMP sidecar for the image: the image's own packet (or an earlier sidecar) with the fields written in. */
    public static byte[] sidecar(Optional<byte[]> existing, MetadataFields fields, WriteMode mode) {
        return XmpWriter.write(existing, fields, mode, false);
    }
}
