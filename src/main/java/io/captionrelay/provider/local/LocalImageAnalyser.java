package io.captionrelay.provider.local;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFacts;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderAnswer;

/**
 * The {@code local} provider: describes an image offline, from the file alone. It reports format, size,
 * orientation, dominant colours, brightness and what the EXIF metadata says (camera, date taken, whether
 * GPS is present), and never claims to know what the image shows. Immutable and thread-safe.
 */
public final class LocalImageAnalyser {

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
        if (imageBytes == null || imageBytes.length == 0) {
            throw RelayException.badInput("The image is empty.");
        }
        ImageFormat format = facts != null && facts.format() != null
                ? facts.format()
                : ImageFormat.sniff(imageBytes).orElseThrow(
                        () -> RelayException.badInput("Not an image in a supported format (JPEG, PNG, GIF, BMP, TIFF or WebP)."));
        SampledImage image = sampler.sample(imageBytes, format);
        LocalFacts measured = new LocalFacts(format, image.width(), image.height(),
                ExifFacts.read(imageBytes, format), PixelStats.measure(image.argb()));
        return LocalDescriptionWriter.write(measured);
    }
}
