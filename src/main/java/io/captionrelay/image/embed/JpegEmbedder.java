package io.captionrelay.image.embed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Puts XMP (APP1, {@code http://ns.adobe.com/xap/1.0/}) and IPTC-IIM (APP13 Photoshop 3.0, resource 0x0404) into
 * a copy of a JPEG by splicing marker segments: the old XMP and APP13 segments are replaced, the new ones go
 * after the JFIF and EXIF segments, and every other byte (tables, frames, the entropy-coded scans) is copied as
 * it is. Pixels are never decoded or re-encoded.
 */
final class JpegEmbedder {

    static final byte[] XMP_HEADER = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXIF_HEADER = "Exif\0".getBytes(StandardCharsets.US_ASCII);
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP13 = 0xED;
    private static final int MAX_PAYLOAD = 65533;

    private record Segment(int marker, int start, int end) {
        byte[] payload(byte[] b) {
            return Arrays.copyOfRange(b, start + 4, end);
        }

        boolean startsWith(byte[] b, byte[] header) {
            return end - start - 4 >= header.length && Arrays.equals(b, start + 4, start + 4 + header.length, header, 0, header.length);
        }
    }

    private JpegEmbedder() {
    }

    static Optional<byte[]> xmp(byte[] jpeg) {
        return segments(jpeg).stream().filter(s -> s.marker() == APP1 && s.startsWith(jpeg, XMP_HEADER)).findFirst()
                .map(s -> Arrays.copyOfRange(s.payload(jpeg), XMP_HEADER.length, s.end() - s.start() - 4));
    }

    static byte[] embed(byte[] jpeg, MetadataFields f, WriteMode mode) {
        List<Segment> segments = segments(jpeg);
        byte[] xmp = XmpWriter.write(xmp(jpeg), f, mode, true);
        byte[] resources = new byte[0];
        for (Segment s : segments) {
            if (s.marker() == APP13 && s.startsWith(jpeg, PhotoshopResources.HEADER)) {
                byte[] p = s.payload(jpeg);
                resources = concat(resources, Arrays.copyOfRange(p, PhotoshopResources.HEADER.length, p.length));
            }
        }
        byte[] iim = IimRecords.write(PhotoshopResources.iptc(resources), f, mode);
        byte[] app13 = concat(PhotoshopResources.HEADER, PhotoshopResources.withIptc(resources, iim));

        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + xmp.length + app13.length + 64);
        out.write(0xFF);
        out.write(0xD8);
        int i = 0;
        while (i < segments.size() && leading(jpeg, segments.get(i))) {
            copy(out, jpeg, segments.get(i++));
        }
        segment(out, APP1, concat(XMP_HEADER, xmp), "XMP packet");
        segment(out, APP13, app13, "IPTC block");
        for (; i < segments.size(); i++) {
            Segment s = segments.get(i);
            boolean replaced = s.marker() == APP1 && s.startsWith(jpeg, XMP_HEADER)
                    || s.marker() == APP13 && s.startsWith(jpeg, PhotoshopResources.HEADER);
            if (!replaced) {
                copy(out, jpeg, s);
            }
        }
        int rest = segments.isEmpty() ? 2 : segments.get(segments.size() - 1).end();
        out.write(jpeg, rest, jpeg.length - rest); // the scans and everything after them, byte for byte
        return out.toByteArray();
    }

    /** JFIF/JFXX (APP0) and EXIF (APP1) stay first, as readers expect. */
    private static boolean leading(byte[] b, Segment s) {
        return s.marker() == APP0 || s.marker() == APP1 && s.startsWith(b, EXIF_HEADER);
    }

    /** The marker segments before the first scan (or the end of the image). */
    private static List<Segment> segments(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG: no start-of-image marker");
        }
        List<Segment> list = new ArrayList<>();
        int pos = 2;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("the JPEG has no marker at byte " + pos);
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int length = (b[pos + 2] & 0xFF) << 8 | b[pos + 3] & 0xFF;
            if (length < 2 || pos + 2 + length > b.length) {
                throw new IllegalArgumentException("the JPEG segment at byte " + pos + " runs past the end of the file");
            }
            list.add(new Segment(marker, pos, pos + 2 + length));
            pos += 2 + length;
        }
        return list;
    }

    private static void copy(ByteArrayOutputStream out, byte[] b, Segment s) {
        out.write(b, s.start(), s.end() - s.start());
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload, String what) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("the " + what + " is " + payload.length + " bytes, more than one JPEG segment holds ("
                    + MAX_PAYLOAD + ")");
        }
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xFF);
        out.writeBytes(payload);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
