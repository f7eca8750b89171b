package io.captionrelay.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Writes pixels as JPEG or PNG, with no metadata at all. */
final class ImageEncoder {

    private ImageEncoder() {
    }

    /** A baseline JPEG with optimised Huffman tables; transparency is flattened onto white. */
    static byte[] jpeg(BufferedImage image, float quality) {
        return write(Pixels.opaque(image), "jpeg", param -> {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (param instanceof JPEGImageWriteParam jpeg) {
                jpeg.setOptimizeHuffmanTables(true);
            }
        });
    }

    static byte[] png(BufferedImage image) {
        return write(image, "png", param -> { });
    }

    private static byte[] write(BufferedImage image, String format, Consumer<ImageWriteParam> settings) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            settings.accept(param);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + format + " to memory failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
