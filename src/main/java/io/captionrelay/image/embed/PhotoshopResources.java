package io.captionrelay.image.embed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Photoshop image resource block of a JPEG's APP13 segment ({@code "Photoshop 3.0\0"} then {@code 8BIM}
 * resources): IPTC-IIM lives in resource 0x0404. Other resources are kept as they are, except the IPTC digest
 * (0x0425), which would no longer match.
 */
final class PhotoshopResources {

    static final byte[] HEADER = "Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII);
    private static final int IPTC = 0x0404;
    private static final int IPTC_DIGEST = 0x0425;

    private record Resource(int id, byte[] name, byte[] data) {
    }

    private PhotoshopResources() {
    }

    /** The IIM block inside the resources (empty when there is none). */
    static byte[] iptc(byte[] resources) {
        return read(resources).stream().filter(r -> r.id() == IPTC).map(Resource::data).findFirst().orElse(new byte[0]);
    }

    /** The resources with 0x0404 set to {@code iim}. */
    static byte[] withIptc(byte[] resources, byte[] iim) {
        List<Resource> out = new ArrayList<>();
        boolean placed = false;
        for (Resource r : read(resources)) {
            if (r.id() == IPTC && !placed) {
                out.add(new Resource(IPTC, r.name(), iim));
                placed = true;
            } else if (r.id() != IPTC && r.id() != IPTC_DIGEST) {
                out.add(r);
            }
        }
        if (!placed) {
            out.add(new Resource(IPTC, new byte[0], iim));
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Resource r : out) {
            b.writeBytes("8BIM".getBytes(StandardCharsets.US_ASCII));
            b.write(r.id() >> 8);
            b.write(r.id() & 0xFF);
            b.write(r.name().length);
            b.writeBytes(r.name());
            if ((1 + r.name().length) % 2 != 0) {
                b.write(0); // the Pascal name is padded to an even size
            }
            int size = r.data().length;
            b.writeBytes(new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size});
            b.writeBytes(r.data());
            if (size % 2 != 0) {
                b.write(0);
            }
        }
        return b.toByteArray();
    }

    private static List<Resource> read(byte[] b) {
        List<Resource> list = new ArrayList<>();
        int pos = 0;
        while (pos + 12 <= b.length && b[pos] == '8' && b[pos + 1] == 'B' && b[pos + 2] == 'I' && b[pos + 3] == 'M') {
            int id = (b[pos + 4] & 0xFF) << 8 | b[pos + 5] & 0xFF;
            int nameLength = b[pos + 6] & 0xFF;
            int namePadded = (1 + nameLength) % 2 == 0 ? 1 + nameLength : 2 + nameLength;
            int sizeAt = pos + 6 + namePadded;
            if (sizeAt + 4 > b.length) {
                break;
            }
            long size = ((long) (b[sizeAt] & 0xFF) << 24) | (b[sizeAt + 1] & 0xFF) << 16 | (b[sizeAt + 2] & 0xFF) << 8 | b[sizeAt + 3] & 0xFF;
            int dataAt = sizeAt + 4;
            if (dataAt + size > b.length) {
                break;
            }
            list.add(new Resource(id, Arrays.copyOfRange(b, pos + 7, pos + 7 + nameLength),
                    Arrays.copyOfRange(b, dataAt, dataAt + (int) size)));
            pos = dataAt + (int) size + (int) (size % 2);
        }
        return list;
    }
}
