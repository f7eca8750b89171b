package io.captionrelay.image;

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

/** Images generated for tests, and ways to damage them. */
final class TestImages {

    /** A 1×1 lossless WebP (the well-known feature-detection sample); ImageIO can't write WebP. */
    static final byte[] WEBP_1X1 = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private TestImages() {
    }

    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    static byte[] write(BufferedImage image, String format) {
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

    static byte[] progressiveJpeg(BufferedImage image) {
        return jpeg(image, true, 0);
    }

    /** A baseline JPEG with a DRI segment, so its scan has RST0–RST7 markers every {@code interval} MCUs. */
    static byte[] jpegWithRestarts(BufferedImage image, int interval) {
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
    static byte[] withExifThumbnail(byte[] jpeg, byte[] thumbnail) {
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
    static byte[] pngHeaderOnly(int width, int height) {
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

    static byte[] cut(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    static int indexOf(byte[] bytes, byte[] wanted, int from) {
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
}
