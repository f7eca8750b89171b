package io.captionrelay.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
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
import javax.imageio.stream.MemoryCacheImageOutputStream;

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

    /** A distinct image for each seed, so that no two are the same bytes: the seed's bits are drawn as blocks. */
    public static byte[] uniqueJpeg(int seed, int width, int height) {
        BufferedImage image = solid(width, height, new Color((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256));
        Graphics2D g = image.createGraphics();
        int cell = Math.max(2, Math.min(width, height) / 5);
        for (int bit = 0; bit < 16; bit++) {
            g.setColor((seed >> bit & 1) == 1 ? Color.WHITE : Color.BLACK);
            g.fillRect((bit % 4) * cell, (bit / 4) * cell, cell, cell);
        }
        g.dispose();
        return write(image, "jpeg");
    }

    /** A photo-like picture with grain: JPEG can't compress it much, like a real camera file. */
    public static BufferedImage grainyPicture(int width, int height, long seed) {
        BufferedImage image = picture(width, height);
        Random random = new Random(seed);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int grain = random.nextInt(97) - 48;
                row[x] = clamp((row[x] >> 16 & 0xFF) + grain) << 16 | clamp((row[x] >> 8 & 0xFF) + grain) << 8
                        | clamp((row[x] & 0xFF) + grain);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** A JPEG at the given quality (0–1) written by the JDK's writer. */
    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A CMYK JPEG of one colour (each ink 0–255), as Photoshop writes them: four channels stored inverted,
     * marked by an Adobe APP14 segment with transform 0. The JDK writes the raw channels; the segment is added.
     */
    public static byte[] cmykJpeg(int width, int height, int cyan, int magenta, int yellow, int black) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        int[] inverted = {255 - cyan, 255 - magenta, 255 - yellow, 255 - black};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, inverted);
            }
        }
        ImageWriter writer = jdkJpegWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return ExifJpegs.insertAfterSoi(out.toByteArray(), adobe);
    }

    private static ImageWriter jdkJpegWriter() {
        var writers = ImageIO.getImageWritersByFormatName("jpeg");
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getName().startsWith("com.sun.")) {
                return writer;
            }
        }
        throw new IllegalStateException("the JDK's JPEG writer is not registered");
    }

    /** A 16-bit greyscale PNG of one grey level (0–65535). */
    public static byte[] grey16Png(int width, int height, int grey) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        int[] samples = new int[width];
        Arrays.fill(samples, grey);
        for (int y = 0; y < height; y++) {
            image.getRaster().setSamples(0, y, width, 1, 0, samples);
        }
        return write(image, "png");
    }

    /** A 16-bit-per-channel RGB PNG of one colour (each channel 0–65535). */
    public static byte[] rgb16Png(int width, int height, int red, int green, int blue) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        int[] colour = {red, green, blue};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, colour);
            }
        }
        return write(new BufferedImage(model, raster, false, null), "png");
    }

    /** Left half fully transparent, right half the colour, fully opaque. */
    public static BufferedImage halfTransparent(int width, int height, Color right) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(right);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    /** An animated GIF, one frame per image, written with ImageIO's sequence API. */
    public static byte[] animatedGif(BufferedImage... frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** How many images the file holds, as ImageIO's reader for its format counts them (GIF frames). */
    public static int frames(byte[] image) {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(image))) {
            javax.imageio.ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                return reader.getNumImages(true);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PNG with a chunk inserted right after IHDR (eXIf, iTXt …). */
    public static byte[] withPngChunk(byte[] png, String type, byte[] data) {
        int afterIhdr = 8 + 25;
        byte[] chunk = chunk(type, data);
        return ByteBuffer.allocate(png.length + chunk.length)
                .put(png, 0, afterIhdr).put(chunk).put(png, afterIhdr, png.length - afterIhdr)
                .array();
    }

    /**
     * A lossless WebP (VP8L) of two colours, the left half {@code leftArgb} and the rest {@code rightArgb}.
     * No transforms, no colour cache; each channel gets a "simple" prefix code of one or two symbols, so a
     * pixel costs one bit per channel that differs between the colours.
     */
    public static byte[] losslessWebp(int width, int height, int leftArgb, int rightArgb) {
        WebpBits bits = new WebpBits();
        bits.write(0x2F, 8);
        bits.write(width - 1, 14).write(height - 1, 14).write(1, 1).write(0, 3);
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no colour cache
        bits.write(0, 1); // one prefix code group for the whole image
        int[] shifts = {8, 16, 0, 24}; // green, red, blue, alpha: the order VP8L codes a pixel in
        for (int shift : shifts) {
            TreeSet<Integer> symbols = new TreeSet<>(List.of(leftArgb >>> shift & 0xFF, rightArgb >>> shift & 0xFF));
            bits.write(1, 1).write(symbols.size() - 1, 1).write(1, 1).write(symbols.first(), 8);
            if (symbols.size() == 2) {
                bits.write(symbols.last(), 8);
            }
        }
        bits.write(1, 1).write(0, 1).write(0, 1).write(0, 1); // distance code: one symbol, 0, never used
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = x < width / 2 ? leftArgb : rightArgb;
                for (int shift : shifts) {
                    int mine = argb >>> shift & 0xFF;
                    int other = (x < width / 2 ? rightArgb : leftArgb) >>> shift & 0xFF;
                    if (mine != other) {
                        bits.write(mine > other ? 1 : 0, 1); // canonical codes: the smaller symbol gets 0
                    }
                }
            }
        }
        byte[] vp8l = bits.bytes();
        int padded = vp8l.length + (vp8l.length & 1);
        ByteBuffer riff = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + padded).put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(vp8l.length).put(vp8l);
        return riff.array();
    }

    /** Bits packed least significant first, as VP8L reads them. */
    private static final class WebpBits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        WebpBits write(int value, int count) {
            for (int i = 0; i < count; i++) {
                current |= (value >> i & 1) << used;
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
            return this;
        }

        byte[] bytes() {
            if (used > 0) {
                out.write(current);
                current = 0;
                used = 0;
            }
            return out.toByteArray();
        }
    }
}
