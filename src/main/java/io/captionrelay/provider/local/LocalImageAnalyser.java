package io.captionrelay.provider.local;

import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderAnswer;
import java.util.Set;

/**
 * The {@code local} provider: describes an image offline, from the file alone. It reports format, size,
 * orientation, dominant colours, brightness and what the EXIF metadata says (camera, date taken, whether
 * GPS is present), and never claims to know what the image shows. Immutable and thread-safe.
 */
public final class LocalImageAnalyser {

    /** What HEIC and AVIF are converted to for sampling: JPEG (PNG with transparency), full size, upright. */
    public static final ImageRequirements READABLE = new ImageRequirements(
            Set.of(ImageFormat.JPEG, ImageFormat.PNG), Long.MAX_VALUE, true);

    private final PixelSampler sampler;

    /** sampleEdge: longest edge (px) the pixels are sampled down to for colour/brightness analysis, e.g. 256. */
    public LocalImageAnalyser(int sampleEdge) {
        this.sampler = new PixelSampler(sampleEdge);
    }

    /**
     * Describes the image. Thread-safe.
     *
     * @param imageBytes the whole image file
     * @param facts      what intake learnt; its format is used when given, else the format is sniffed
     * @throws RelayException {@code BAD_INPUT} when the bytes are empty, not a known format, or their pixels
     *                        cannot be decoded
     */
    public ProviderAnswer describe(byte[] imageBytes, ImageFacts facts) throws RelayException {
        return describe(imageBytes, facts, null);
    }

    /**
     * Describes the image, sampling the pixels of {@code readable} when given: HEIC and AVIF converted to JPEG or
     * PNG as displayed ({@link #READABLE}); the metadata is always read from the original bytes.
     */
    public ProviderAnswer describe(byte[] imageBytes, ImageFacts facts, PreparedImage readable) throws RelayException {
        if (imageBytes == null || imageBytes.length == 0) {
            throw RelayException.badInput("The image is empty.");
        }
        ImageFormat format = facts != null && facts.format() != null
                ? facts.format()
                : ImageFormat.sniff(imageBytes).orElseThrow(
                        () -> RelayException.badInput(
                                "Not an image in a supported format (JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC or AVIF)."));
        if (format.isHeif() && readable == null) {
            throw RelayException.badInput("The " + format + " image must be converted before it is described.");
        }
        SampledImage image = readable == null
                ? sampler.sample(imageBytes, format)
                : sampler.sample(readable.bytes(), readable.format());
        LocalFacts measured = new LocalFacts(format, image.width(), image.height(),
                ExifFacts.read(imageBytes, format), PixelStats.measure(image.argb()));
        return LocalDescriptionWriter.write(measured);
    }
}
