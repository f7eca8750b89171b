package io.captionrelay.provider.local;

import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an image into a small pixel sample without ever holding it at full size, through ImageIO
 * with source subsampling. Multi-image files (GIF, TIFF) give their first image.
 */
final class PixelSampler {

    private final int sampleEdge;

    PixelSampler(int sampleEdge) {
        if (sampleEdge < 1) {
            throw new IllegalArgumentException("sampleEdge must be at least 1, was " + sampleEdge);
        }
        this.sampleEdge = sampleEdge;
    }

    SampledImage sample(byte[] bytes, ImageFormat format) throws RelayException {
        String what = format == null ? "image" : format.name() + " image";
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw RelayException.badInput("No decoder recognises this " + what + ".");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1) {
                    throw RelayException.badInput("The " + what + " has no pixels (" + width + " × " + height + ").");
                }
                int step = Math.max(1, ceilDiv(Math.max(width, height), sampleEdge));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage sample = reader.read(0, param);
                return new SampledImage(width, height, sample.getWidth(), sample.getHeight(), argb(sample));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // readers report damaged data with all sorts of runtime exceptions, not only IIOException
            throw RelayException.badInput("The " + what + " could not be decoded: " + reason(e), e);
        }
    }

    /**
     * The pixels as sRGB ARGB. Greyscale rasters are read as they are: getRGB would take them for linear
     * grey and lighten them, but image files store grey gamma-encoded, like sRGB.
     */
    static int[] argb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel model = image.getColorModel();
        if (model instanceof IndexColorModel || model.getColorSpace().getType() != ColorSpace.TYPE_GRAY) {
            return image.getRGB(0, 0, w, h, null, 0, w);
        }
        Raster raster = image.getRaster();
        int greyMax = (1 << model.getComponentSize(0)) - 1;
        boolean alpha = model.hasAlpha() && raster.getNumBands() > 1;
        int alphaMax = alpha ? (1 << model.getComponentSize(1)) - 1 : 1;
        int[] grey = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        int[] alphas = alpha ? raster.getSamples(0, 0, w, h, 1, (int[]) null) : null;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            int g = grey[i] * 255 / greyMax;
            int a = alpha ? alphas[i] * 255 / alphaMax : 255;
            argb[i] = a << 24 | g << 16 | g << 8 | g;
        }
        return argb;
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
