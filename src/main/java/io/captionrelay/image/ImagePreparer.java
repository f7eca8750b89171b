package io.captionrelay.image;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageFormat;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Fits an image to what a provider takes (docs/image-preparation.md). An image that already fits
 * goes through byte for byte without being decoded. A JPEG that fits but carries a location loses it
 * without re-encoding ({@link GpsStripper}). Anything else is decoded once (subsampled on read only for a
 * second chance's smaller edge), turned upright, converted to JPEG or PNG and fitted to the size limit at
 * the largest size that fits, the full size first ({@link ImageFitter}); re-encoded copies carry no
 * metadata. "Anything else" includes, by default, an image whose EXIF orientation is not 1 (turned in its
 * pixels) and an animated GIF for a provider of still images (its first frame). HEIC and AVIF are decoded
 * through libheif's tool ({@link HeifDecoder}). Thread-safe: it holds no state of its own.
 */
public final class ImagePreparer {

    /** The second attempt never sends a longer edge than this. */
    static final int SMALLER_MAX_EDGE = 2048;

    private final HeifDecoder heif;

    /** HEIC and AVIF decoded by {@code heif-convert} on PATH. */
    public ImagePreparer() {
        this(HeifDecoder.onPath());
    }

    public ImagePreparer(HeifDecoder heif) {
        this.heif = heif;
    }

    /** @throws RelayException BAD_INPUT when the image can't be decoded or made acceptable */
    public PreparedImage prepare(byte[] original, ImageFacts facts, ImageRequirements requirements) throws RelayException {
        ImageFormat format = formatOf(original);
        MetadataFacts metadata = MetadataFacts.read(original, format);
        boolean dropLocation = metadata.hasLocation() && !requirements.keepGps();
        boolean fits = requirements.accepts(format) && original.length <= requirements.maxBytes()
                && !(requirements.upright() && metadata.orientation() != 1)
                && !(requirements.stillOnly() && metadata.animated());
        if (fits && !dropLocation) {
            return displayed(original, format, facts, metadata, true);
        }
        if (fits && format == ImageFormat.JPEG) {
            Optional<byte[]> cleaned = GpsStripper.strip(original);
            if (cleaned.isPresent() && cleaned.get().length <= requirements.maxBytes()) {
                return displayed(cleaned.get(), format, facts, metadata, false);
            }
        }
        return reencode(original, format, metadata, requirements, Integer.MAX_VALUE, false);
    }

    /**
     * The second chance after a provider refused the first attempt as bad input: re-encoded as JPEG (PNG
     * only when the provider takes no JPEG), its longest edge at most half the refused one's and at most
     * {@value #SMALLER_MAX_EDGE} px, fitting the size limit.
     */
    public PreparedImage prepareSmaller(byte[] original, ImageFacts facts, ImageRequirements requirements, PreparedImage refused)
            throws RelayException {
        int maxEdge = Math.min(SMALLER_MAX_EDGE, Math.max(refused.width(), refused.height()) / 2);
        if (maxEdge < 1) {
            throw RelayException.badInput("the provider refused the image and it is too small to send smaller");
        }
        ImageFormat format = formatOf(original);
        return reencode(original, format, MetadataFacts.read(original, format), requirements, maxEdge, true);
    }

    private PreparedImage reencode(byte[] original, ImageFormat format, MetadataFacts metadata,
            ImageRequirements requirements, int maxEdge, boolean smaller) throws RelayException {
        if (!requirements.accepts(ImageFormat.JPEG) && !requirements.accepts(ImageFormat.PNG)) {
            throw RelayException.badInput("the provider takes only " + requirements.formats().stream()
                    .map(BadImage::name).sorted().collect(Collectors.joining(", "))
                    + " and this image would have to be converted; CaptionRelay converts to JPEG or PNG only");
        }
        // Every pixel is read unless maxEdge asks for a smaller image: the full size is tried first (ImageFitter).
        // HEIC and AVIF come back from libheif as a PNG of the image as displayed.
        ImageDecoder.Decoded decoded = ImageDecoder.decode(format.isHeif() ? heif.toPng(original, format) : original,
                format.isHeif() ? ImageFormat.PNG : format,
                (w, h) -> subsampling(Math.max(w, h), Math.min(Math.max(w, h), maxEdge)));
        BufferedImage pixels = decoded.pixels();
        decoded = null; // from here on only `pixels` holds the full-size image; each step below replaces it
        boolean transparent = !smaller && Pixels.hasTransparency(pixels);
        List<ImageFormat> formats = outputFormats(format, transparent, smaller, original.length, requirements);
        pixels = transparent && formats.get(0) == ImageFormat.PNG ? Pixels.translucent(pixels) : Pixels.opaque(pixels);
        pixels = Orientation.apply(pixels, metadata.orientation());
        return ImageFitter.fit(pixels, formats, Math.min(Math.max(pixels.getWidth(), pixels.getHeight()), maxEdge),
                requirements.maxBytes());
    }

    /** Reads every n-th pixel, n chosen so the decoded image keeps at least twice the expected edge. */
    private static int subsampling(int longestEdge, int expectedEdge) {
        return Math.max(1, longestEdge / (2 * expectedEdge));
    }

    /**
     * JPEG unless the image has transparency to keep (PNG) or is a PNG re-encoded only to drop its
     * metadata (PNG first, JPEG when that does not fit). The provider takes at least one of the two;
     * BMP, TIFF, GIF and WebP are never written.
     */
    private static List<ImageFormat> outputFormats(ImageFormat input, boolean transparent, boolean smaller, long originalSize,
            ImageRequirements requirements) {
        boolean jpeg = requirements.accepts(ImageFormat.JPEG);
        boolean png = requirements.accepts(ImageFormat.PNG);
        if (smaller || !png) {
            return List.of(jpeg ? ImageFormat.JPEG : ImageFormat.PNG);
        }
        if (transparent || !jpeg) {
            return List.of(ImageFormat.PNG);
        }
        if (input == ImageFormat.PNG && originalSize <= requirements.maxBytes()) {
            return List.of(ImageFormat.PNG, ImageFormat.JPEG);
        }
        return List.of(ImageFormat.JPEG);
    }

    private static PreparedImage displayed(byte[] bytes, ImageFormat format, ImageFacts facts, MetadataFacts metadata,
            boolean unchanged) {
        return metadata.swapsAxes()
                ? new PreparedImage(bytes, format, facts.height(), facts.width(), unchanged)
                : new PreparedImage(bytes, format, facts.width(), facts.height(), unchanged);
    }

    private static ImageFormat formatOf(byte[] original) throws RelayException {
        return ImageFormat.sniff(original)
                .orElseThrow(() -> RelayException.badInput("not an image: the bytes are not JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC or AVIF"));
    }
}
