package io.captionrelay.image.embed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.InflaterInputStream;

/**
 * Puts XMP into a copy of a PNG as the iTXt chunk with keyword {@code XML:com.adobe.xmp} (uncompressed, as
 * the XMP specification asks), before the first IDAT; an old XMP chunk is replaced. Every other chunk is copied
 * byte for byte, so the image data is untouched.
 */
final class PngEmbedder {

    static final String XMP_KEYWORD = "XML:com.adobe.xmp";
    private static final int SIGNATURE = 8;

    private PngEmbedder() {
    }

    static Optional<byte[]> xmp(byte[] png) {
        for (int pos = SIGNATURE; pos + 12 <= png.length; pos = next(png, pos)) {
            if (type(png, pos).equals("iTXt")) {
                Optional<byte[]> text = xmpText(Arrays.copyOfRange(png, pos + 8, pos + 8 + length(png, pos)));
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    static byte[] embed(byte[] png, MetadataFields f, WriteMode mode) {
        byte[] xmp = XmpWriter.write(xmp(png), f, mode, true);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(XMP_KEYWORD.getBytes(StandardCharsets.ISO_8859_1));
        data.writeBytes(new byte[] {0, 0, 0, 0, 0}); // keyword end, not compressed, method 0, no language, no translation
        data.writeBytes(xmp);
        byte[] chunk = chunk("iTXt", data.toByteArray());

        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + chunk.length);
        out.write(png, 0, SIGNATURE);
        boolean placed = false;
        for (int pos = SIGNATURE; pos + 12 <= png.length; pos = next(png, pos)) {
            String type = type(png, pos);
            if (type.equals("iTXt") && xmpText(Arrays.copyOfRange(png, pos + 8, pos + 8 + length(png, pos))).isPresent()) {
                continue;
            }
            if (!placed && (type.equals("IDAT") || type.equals("IEND"))) {
                out.writeBytes(chunk);
                placed = true;
            }
            out.write(png, pos, next(png, pos) - pos);
            if (type.equals("IEND")) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static Optional<byte[]> xmpText(byte[] data) {
        byte[] keyword = (XMP_KEYWORD + "\0").getBytes(StandardCharsets.ISO_8859_1);
        if (data.length < keyword.length + 2 || !Arrays.equals(data, 0, keyword.length, keyword, 0, keyword.length)) {
            return Optional.empty();
        }
        boolean compressed = data[keyword.length] == 1;
        int pos = keyword.length + 2;
        for (int nulls = 0; nulls < 2 && pos < data.length; pos++) {
            if (data[pos] == 0) {
                nulls++; // past the language tag and the translated keyword
            }
        }
        byte[] text = Arrays.copyOfRange(data, pos, data.length);
        if (!compressed) {
            return Optional.of(text);
        }
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(text))) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        ByteArrayOutputStream b = new ByteArrayOutputStream(data.length + 12);
        writeInt(b, data.length);
        b.writeBytes(typeBytes);
        b.writeBytes(data);
        writeInt(b, (int) crc.getValue());
        return b.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream b, int v) {
        b.writeBytes(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private static int length(byte[] b, int pos) {
        long length = ((long) (b[pos] & 0xFF) << 24) | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | b[pos + 3] & 0xFF;
        if (length > b.length - pos - 12) {
            throw new IllegalArgumentException("the PNG chunk at byte " + pos + " runs past the end of the file");
        }
        return (int) length;
    }

    private static String type(byte[] b, int pos) {
        return new String(b, pos + 4, 4, StandardCharsets.US_ASCII);
    }

    private static int next(byte[] b, int pos) {
        return pos + 12 + length(b, pos);
    }
}
