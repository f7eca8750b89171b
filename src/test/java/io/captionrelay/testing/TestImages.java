package io.captionrelay.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Images generated in the tests themselves (no binary fixtures), and ways to damage them. */
public final class TestImages {

    /** A 1×1 lossless WebP (the well-known feature-detection sample); ImageIO can't write WebP. */
    public static final byte[] WEBP_1X1 = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private TestImages() {
    }

    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    public static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] progressiveJpeg(BufferedImage image) {
        return jpeg(image, true, 0);
    }

    /** A baseline JPEG with a DRI segment, so its scan has RST0–RST7 markers every {@code interval} MCUs. */
    public static byte[] jpegWithRestarts(BufferedImage image, int interval) {
        return jpeg(image, false, interval);
    }

    private static byte[] jpeg(BufferedImage image, boolean progressive, int restartInterval) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            if (restartInterval > 0) {
                addRestartInterval(metadata, restartInterval);
            }
            writer.write(null, new IIOImage(image, null, metadata), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static void addRestartInterval(IIOMetadata metadata, int interval) throws IIOInvalidTreeException {
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode dri = new IIOMetadataNode("dri");
        dri.setAttribute("interval", Integer.toString(interval));
        markers.insertBefore(dri, markers.getElementsByTagName("sos").item(0));
        metadata.setFromTree(format, root);
    }

    /** The JPEG with an EXIF APP1 segment, holding {@code thumbnail} as IFD1's JPEG thumbnail, right after SOI. */
    public static byte[] withExifThumbnail(byte[] jpeg, byte[] thumbnail) {
        int thumbnailOffset = 8 + 6 + 30; // TIFF header, empty IFD0, IFD1 with two entries
        ByteBuffer tiff = ByteBuffer.allocate(thumbnailOffset + thumbnail.length)
                .put(new byte[] {'M', 'M', 0, 42}).putInt(8)
                .putShort((short) 0).putInt(14)
                .putShort((short) 2)
                .putShort((short) 0x0201).putShort((short) 4).putInt(1).putInt(thumbnailOffset)
                .putShort((short) 0x0202).putShort((short) 4).putInt(1).putInt(thumbnail.length)
                .putInt(0)
                .put(thumbnail);
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int segmentLength = 2 + exif.length + tiff.capacity();
        return ByteBuffer.allocate(jpeg.length + 2 + segmentLength)
                .put(jpeg, 0, 2)
                .put((byte) 0xFF).put((byte) 0xE1).putShort((short) segmentLength).put(exif).put(tiff.array())
                .put(jpeg, 2, jpeg.length - 2)
                .array();
    }

    /** A PNG that is only a signature, an IHDR claiming the given size, and IEND: nothing to decode. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        return ByteBuffer.allocate(8 + 25 + 12)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .put(chunk("IHDR", ihdr.array()))
                .put(chunk("IEND", new byte[0]))
                .array();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue())
                .array();
    }

    public static byte[] cut(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    public static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    public static int indexOf(byte[] bytes, byte[] wanted, int from) {
        outer:
        for (int i = from; i <= bytes.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static BufferedImage solid(int width, int height, Color colour) {
        return solid(width, height, colour, BufferedImage.TYPE_INT_RGB);
    }

    public static BufferedImage solid(int width, int height, Color colour, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Left part (fraction of the width) in one colour, the rest in another. */
    public static BufferedImage split(int width, int height, double leftFraction, Color left, Color right) {
        BufferedImage image = solid(width, height, right);
        Graphics2D g = image.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, (int) Math.round(width * leftFraction), height);
        g.dispose();
        return image;
    }

    /** Smooth colour gradients with a few flat patches: easy to check block means against. */
    public static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 40 + 180 * x / width;
                int g = 60 + 150 * y / height;
                int b = 200 - 120 * (x + y) / (width + height);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(250, 240, 20));
        g.fillRect(width / 8, height / 8, width / 4, height / 4);
        g.setColor(new Color(20, 20, 90));
        g.fillRect(width / 2, height / 2, width / 4, height / 3);
        g.dispose();
        return image;
    }

    public static byte[] jpeg(int width, int height, Color color) {
        return write(solid(width, height, color), "jpeg");
    }

    public static byte[] png(int width, int height, Color color) {
        return write(solid(width, height, color), "png");
    }

    /** Random pixels: a PNG that does not compress, for size limits. */
    public static byte[] noisyPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return write(image, "png");
    }

    /** A distinct image for each seed, so that no two are the same bytes. */
    public static byte[] uniqueJpeg(int seed, int width, int height) {
        BufferedImage image = solid(width, height, new Color((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256));
        image.setRGB(0, 0, seed);
        image.setRGB(1, 0, seed >> 8);
        return write(image, "jpeg");
    }
}
