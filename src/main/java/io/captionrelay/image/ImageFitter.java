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
 * Encodes display-ready pixels until the bytes fit, keeping as much of the image as the size limit allows: the
 * start size in each format on the list, then (JPEG) a lower quality when the overshoot is small, then the largest
 * longest edge that fits. That edge is estimated from the bytes (they grow about with the pixel count) and, once one
 * size fits and a larger one does not, narrowed between the two until the bytes use most of the limit.
 */
final class ImageFitter {

    static final float[] JPEG_QUALITIES = {0.9f, 0.8f, 0.7f};
    /**
     * Encodes per image at most. A 12 MP JPEG encode costs about 0.3–0.5 s of one core (a scaled one less), so eight
     * bound an image's preparation to a few seconds; usually it takes 1 (the start size fits), 2–3 (a lower quality)
     * or 3–5 (a smaller size). The search stops earlier once a size fits within {@value #GOOD_ENOUGH} of the limit:
     * a further encode would gain a few per cent of the bytes at most.
     */
    static final int MAX_ENCODES = 8;
    /** Dropping a JPEG quality step saves roughly 15–30 %; beyond this overshoot only scaling helps. */
    private static final double QUALITY_CAN_SAVE = 1.5;
    /** The share of the limit a size is aimed at: bytes follow the pixel count only roughly. */
    private static final double AIM = 0.95;
    /** A size that fits with at least this share of the limit ends the search. */
    private static final double GOOD_ENOUGH = 0.9;
    /** Sizes closer than this (relative edge) are not told apart: their bytes differ by about twice as much. */
    private static final double EDGE_RESOLUTION = 0.01;

    private ImageFitter() {
    }

    /**
     * @param source    the pixels as displayed (oriented), in a type the encoders take
     * @param formats   what to write, in order of preference (each accepted by the provider)
     * @param startEdge the longest edge to try first, at most the source's
     */
    static PreparedImage fit(BufferedImage source, List<ImageFormat> formats, int startEdge, long maxBytes) throws RelayException {
        Attempts attempts = new Attempts(source, maxBytes);
        Attempt last = null;
        for (ImageFormat format : formats) {
            last = attempts.encode(format, 0, startEdge);
            if (last.fits()) {
                return last.prepared(attempts.count);
            }
        }
        while (last.format() == ImageFormat.JPEG && last.quality() < JPEG_QUALITIES.length - 1
                && last.share() <= QUALITY_CAN_SAVE && attempts.left()) {
            last = attempts.encode(last.format(), last.quality() + 1, startEdge);
            if (last.fits()) {
                return last.prepared(attempts.count);
            }
        }
        Attempt fitting = null;
        Attempt tooLarge = last;
        while (attempts.left() && (fitting == null || fitting.share() < GOOD_ENOUGH)) {
            int edge = nextEdge(fitting, tooLarge, maxBytes);
            if (edge < 1) {
                break;
            }
            last = attempts.encode(last.format(), last.quality(), edge);
            if (last.fits()) {
                fitting = last;
            } else {
                tooLarge = last;
            }
        }
        if (fitting != null) {
            return fitting.prepared(attempts.count);
        }
        throw RelayException.badInput(String.format(Locale.ROOT,
                "the image can't be brought under %s: after %d attempts it was still %s at %d × %d",
                ImageInspector.describeSize(maxBytes), attempts.count, ImageInspector.describeSize(last.bytes().length),
                last.width(), last.height()));
    }

    /**
     * The edge aimed at {@value #AIM} of the limit, strictly between the largest size known to fit and the smallest
     * known not to; 0 when there is none worth trying. Bytes are modelled as c·edge^k: k = 2 (the pixel count) from
     * one size that does not fit, k measured between a size that fits and one that does not.
     */
    private static int nextEdge(Attempt fitting, Attempt tooLarge, long maxBytes) {
        double target = AIM * maxBytes;
        double edge;
        int floor;
        if (fitting == null) {
            edge = tooLarge.edge() * Math.sqrt(target / tooLarge.bytes().length);
            floor = 1;
        } else {
            if (tooLarge.edge() - fitting.edge() <= Math.max(1, tooLarge.edge() * EDGE_RESOLUTION)) {
                return 0;
            }
            double k = Math.log((double) tooLarge.bytes().length / fitting.bytes().length)
                    / Math.log((double) tooLarge.edge() / fitting.edge());
            edge = fitting.edge() * Math.pow(target / fitting.bytes().length, 1 / Math.max(k, 0.5));
            floor = fitting.edge() + 1;
        }
        int next = Math.min(tooLarge.edge() - 1, Math.max(floor, (int) edge));
        return next >= floor ? next : 0;
    }

    /** The encodes of one call, counted. */
    private static final class Attempts {
        private final BufferedImage source;
        private final long maxBytes;
        private int count;

        Attempts(BufferedImage source, long maxBytes) {
            this.source = source;
            this.maxBytes = maxBytes;
        }

        boolean left() {
            return count < MAX_ENCODES;
        }

        Attempt encode(ImageFormat format, int quality, int edge) {
            BufferedImage pixels = scaled(source, edge);
            byte[] bytes = format == ImageFormat.JPEG ? ImageEncoder.jpeg(pixels, JPEG_QUALITIES[quality]) : ImageEncoder.png(pixels);
            count++;
            return new Attempt(format, quality, pixels.getWidth(), pixels.getHeight(), bytes, maxBytes);
        }
    }

    /** One encode ({@code quality} indexes {@link #JPEG_QUALITIES}); its pixels are not kept. */
    private record Attempt(ImageFormat format, int quality, int width, int height, byte[] bytes, long maxBytes) {
        int edge() {
            return Math.max(width, height);
        }

        boolean fits() {
            return bytes.length <= maxBytes;
        }

        /** The bytes as a share of the limit: above 1 when they do not fit. */
        double share() {
            return (double) bytes.length / maxBytes;
        }

        PreparedImage prepared(int encodes) {
            Float jpegQuality = format == ImageFormat.JPEG ? JPEG_QUALITIES[quality] : null;
            return new PreparedImage(bytes, format, width, height, false, jpegQuality, encodes);
        }
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
