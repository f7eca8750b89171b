package io.captionrelay.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Images made in the test itself: no binary fixtures in the repository. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] jpeg(int width, int height, Color color) {
        return write(solid(width, height, color, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    public static byte[] png(int width, int height, Color color) {
        return write(solid(width, height, color, BufferedImage.TYPE_INT_RGB), "png");
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
        BufferedImage image = solid(width, height, new Color((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256),
                BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, seed);
        image.setRGB(1, 0, seed >> 8);
        return write(image, "jpeg");
    }

    /** A PNG that only claims its size: signature, IHDR with a valid CRC, IEND. Nothing to decode. */
    public static byte[] pngClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    public static byte[] truncated(byte[] image, double keep) {
        byte[] cut = new byte[(int) (image.length * keep)];
        System.arraycopy(image, 0, cut, 0, cut.length);
        return cut;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static BufferedImage solid(int width, int height, Color color, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
