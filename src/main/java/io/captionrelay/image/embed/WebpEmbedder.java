package io.captionrelay.image.embed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Puts XMP into a copy of a WebP as its {@code "XMP "} chunk, at the end as the container specification orders it,
 * and sets the XMP flag of the {@code VP8X} header; a simple WebP ({@code VP8 } or {@code VP8L} alone) gets a
 * {@code VP8X} header first, with the canvas size read from the bitstream's own header. The image chunks are
 * copied byte for byte.
 */
final class WebpEmbedder {

    private static final int XMP_FLAG = 0x04;
    private static final int ALPHA_FLAG = 0x10;

    private record Chunk(String type, byte[] data) {
    }

    private WebpEmbedder() {
    }

    static Optional<byte[]> xmp(byte[] webp) {
        return chunks(webp).stream().filter(c -> c.type().equals("XMP ")).findFirst().map(Chunk::data);
    }

    static byte[] embed(byte[] webp, MetadataFields f, WriteMode mode) {
        List<Chunk> chunks = chunks(webp);
        byte[] xmp = XmpWriter.write(xmp(webp), f, mode, true);
        List<Chunk> out = new ArrayList<>();
        Chunk first = chunks.get(0);
        if (first.type().equals("VP8X")) {
            byte[] header = first.data().clone();
            header[0] |= XMP_FLAG;
            out.add(new Chunk("VP8X", header));
        } else {
            out.add(new Chunk("VP8X", extendedHeader(first)));
            out.add(first);
        }
        for (Chunk c : chunks.subList(1, chunks.size())) {
            if (!c.type().equals("XMP ")) {
                out.add(c);
            }
        }
        out.add(new Chunk("XMP ", xmp));

        ByteArrayOutputStream body = new ByteArrayOutputStream(webp.length + xmp.length + 32);
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (Chunk c : out) {
            body.writeBytes(c.type().getBytes(StandardCharsets.US_ASCII));
            writeLe32(body, c.data().length);
            body.writeBytes(c.data());
            if (c.data().length % 2 != 0) {
                body.write(0);
            }
        }
        ByteArrayOutputStream riff = new ByteArrayOutputStream(body.size() + 8);
        riff.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        writeLe32(riff, body.size());
        riff.writeBytes(body.toByteArray());
        return riff.toByteArray();
    }

    /** A VP8X header for a simple WebP: flags, then canvas width − 1 and height − 1 (24 bits each). */
    private static byte[] extendedHeader(Chunk image) {
        byte[] d = image.data();
        int width;
        int height;
        int flags = XMP_FLAG;
        if (image.type().equals("VP8 ")) {
            if (d.length < 10 || (d[3] & 0xFF) != 0x9D || (d[4] & 0xFF) != 0x01 || (d[5] & 0xFF) != 0x2A) {
                throw new IllegalArgumentException("the WebP's VP8 frame header is not valid");
            }
            width = ((d[7] & 0xFF) << 8 | d[6] & 0xFF) & 0x3FFF;
            height = ((d[9] & 0xFF) << 8 | d[8] & 0xFF) & 0x3FFF;
        } else if (image.type().equals("VP8L")) {
            if (d.length < 5 || (d[0] & 0xFF) != 0x2F) {
                throw new IllegalArgumentException("the WebP's VP8L header is not valid");
            }
            long bits = (d[1] & 0xFFL) | (d[2] & 0xFFL) << 8 | (d[3] & 0xFFL) << 16 | (d[4] & 0xFFL) << 24;
            width = (int) (bits & 0x3FFF) + 1;
            height = (int) (bits >> 14 & 0x3FFF) + 1;
            if ((bits >> 28 & 1) != 0) {
                flags |= ALPHA_FLAG;
            }
        } else {
            throw new IllegalArgumentException("the WebP starts with a " + image.type().strip() + " chunk, not VP8, VP8L or VP8X");
        }
        byte[] header = new byte[10];
        header[0] = (byte) flags;
        put24(header, 4, width - 1);
        put24(header, 7, height - 1);
        return header;
    }

    private static List<Chunk> chunks(byte[] b) {
        if (b.length < 20 || !new String(b, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                || !new String(b, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            throw new IllegalArgumentException("not a WebP: no RIFF WEBP header");
        }
        long riffEnd = Math.min(b.length, 8 + le32(b, 4));
        List<Chunk> chunks = new ArrayList<>();
        int pos = 12;
        while (pos + 8 <= riffEnd) {
            long size = le32(b, pos + 4);
            if (pos + 8 + size > riffEnd) {
                throw new IllegalArgumentException("the WebP chunk at byte " + pos + " runs past the end of the file");
            }
            chunks.add(new Chunk(new String(b, pos, 4, StandardCharsets.US_ASCII), Arrays.copyOfRange(b, pos + 8, pos + 8 + (int) size)));
            pos += 8 + (int) size + (int) (size % 2);
        }
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("the WebP has no chunks");
        }
        return chunks;
    }

    private static long le32(byte[] b, int pos) {
        return (b[pos] & 0xFFL) | (b[pos + 1] & 0xFFL) << 8 | (b[pos + 2] & 0xFFL) << 16 | (b[pos + 3] & 0xFFL) << 24;
    }

    private static void writeLe32(ByteArrayOutputStream b, int v) {
        b.writeBytes(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    private static void put24(byte[] b, int pos, int v) {
        b[pos] = (byte) v;
        b[pos + 1] = (byte) (v >>> 8);
        b[pos + 2] = (byte) (v >>> 16);
    }
}
