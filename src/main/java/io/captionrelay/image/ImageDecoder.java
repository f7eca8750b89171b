package io.captionrelay.image;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import java.awt.image.BufferedImage;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageReadParam;

/** Decodes the first image of a file (the first frame of an animation), subsampled on read when asked. */
final class ImageDecoder {

    /**
     * @param pixels the decoded pixels, as stored (no EXIF orientation applied)
     * @param width  the stored width of the whole image, before subsampling
     * @param height the stored height of the whole image, before subsampling
     */
    record Decoded(BufferedImage pixels, int width, int height) {
        int longestEdge() {
            return Math.max(width, height);
        }
    }

    private ImageDecoder() {
    }

    /** @param subsampling gives the read step (1 = every pixel) from the stored width and height */
    static Decoded decode(byte[] bytes, ImageFormat format, IntBinaryOperator subsampling) throws RelayException {
        try {
            return ImageHeader.withReader(format, bytes, reader -> {
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                int step = Math.max(1, subsampling.applyAsInt(width, height));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return new Decoded(reader.read(0, param), width, height);
            });
        } catch (Exception e) {
            // readers report damaged data with all sorts of runtime exceptions, not only IIOException
            throw BadImage.corrupt("the " + BadImage.name(format) + " pixels can't be decoded ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }
}
