package io.captionrelay.image;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Encodes display-ready pixels until the bytes fit: the next format on the list first, then a lower JPEG
 * quality when the overshoot is small, then a smaller longest edge. At most {@value #MAX_ENCODES} encodes.
 */
final class ImageFitter {

    static final float[] JPEG_QUALITIES = {0.9f, 0.8f, 0.7f};
    static final int MAX_ENCODES = 8;
    /** Dropping a JPEG quality step saves roughly 15–30 %; beyond this overshoot only scaling helps. */
    private static final double QUALITY_CAN_SAVE = 1.5;
    private static final double MAX_EDGE_STEP = 0.75;
    /** Bytes grow about with the pixel count, so the edge shrinks with the square root, plus a margin. */
    private static final double EDGE_MARGIN = 0.95;

    private ImageFitter() {
    }

    /**
     * @param source    the pixels as displayed (oriented), in a type the encoders take
     * @param formats   what to write, in order of preference (each accepted by the provider)
     * @param startEdge the longest edge to try first, at most the source's
     */
    static PreparedImage fit(BufferedImage source, List<ImageFormat> formats, int startEdge, long maxBytes) throws RelayException {
        int edge = startEdge;
        int format = 0;
        int quality = 0;
        BufferedImage pixels = scaled(source, edge);
        byte[] bytes = null;
        int encodes = 0;
        while (encodes < MAX_ENCODES) {
            bytes = formats.get(format) == ImageFormat.JPEG
                    ? ImageEncoder.jpeg(pixels, JPEG_QUALITIES[quality])
                    : ImageEncoder.png(pixels);
            encodes++;
            if (bytes.length <= maxBytes) {
                return new PreparedImage(bytes, formats.get(format), pixels.getWidth(), pixels.getHeight(), false);
            }
            double overshoot = (double) bytes.length / maxBytes;
            if (format < formats.size() - 1) {
                format++;
            } else if (formats.get(format) == ImageFormat.JPEG && quality < JPEG_QUALITIES.length - 1 && overshoot <= QUALITY_CAN_SAVE) {
                quality++;
            } else {
                edge = (int) (edge * Math.min(MAX_EDGE_STEP, EDGE_MARGIN / Math.sqrt(overshoot)));
                if (edge < 1 || encodes == MAX_ENCODES) {
                    break;
                }
                pixels = scaled(source, edge);
            }
        }
        throw RelayException.badInput(String.format(Locale.ROOT,
                "the image can't be brought under %s: after %d attempts it was still %s at %d × %d",
                ImageInspector.describeSize(maxBytes), encodes, ImageInspector.describeSize(bytes.length),
                pixels.getWidth(), pixels.getHeight()));
    }

    /** The source with its longest edge at most {@code edge}, keeping its proportions. */
    private static BufferedImage scaled(BufferedImage source, int edge) {
        int longest = Math.max(source.getWidth(), source.getHeight());
        if (edge >= longest) {
            return source;
        }
        double factor = (double) edge / longest;
        int w = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(source.getHeight() * factor));
        try {
            return Thumbnails.of(source).forceSize(w, h).imageType(source.getType()).asBufferedImage();
        } catch (IOException e) {
            throw new UncheckedIOException("scaling in memory failed", e);
        }
    }
}
