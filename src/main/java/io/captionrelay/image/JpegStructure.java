package io.captionrelay.image;

import io.captionrelay.failure.RelayException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Walks a JPEG's marker segments from SOI to EOI, skipping each scan's entropy-coded data without decoding it. */
final class JpegStructure {

    private static final int TEM = 0x01;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private JpegStructure() {
    }

    static void check(byte[] b) throws RelayException {
        int pos = 2; // after SOI
        while (true) {
            if (pos >= b.length) {
                throw truncated();
            }
            if (b[pos] != (byte) 0xFF) {
                throw BadImage.corrupt("the JPEG data has no marker at byte " + pos + ", where one must be");
            }
            while (pos < b.length && b[pos] == (byte) 0xFF) {
                pos++; // a marker may be preceded by fill bytes
            }
            if (pos >= b.length) {
                throw truncated();
            }
            int marker = Bytes.u8(b, pos++);
            if (marker == EOI) {
                return; // anything after EOI is ignored
            }
            if (!isValid(marker)) {
                throw BadImage.corrupt("the JPEG data has an invalid marker FF" + BadImage.hexByte(marker)
                        + " at byte " + (pos - 2));
            }
            if (isStandalone(marker)) {
                continue;
            }
            if (pos + 2 > b.length) {
                throw truncated();
            }
            int length = Bytes.u16be(b, pos);
            if (length < 2) {
                throw BadImage.corrupt("the JPEG segment FF" + BadImage.hexByte(marker) + " at byte " + (pos - 2)
                        + " has an impossible length");
            }
            pos += length; // skips APPn wholesale, with any EXIF thumbnail and its own EOI
            if (pos > b.length) {
                throw truncated();
            }
            if (marker == SOS) {
                pos = nextMarkerAfterScan(b, pos);
            }
        }
    }

    /** In entropy-coded data FF 00 is a stuffed FF and FF D0–D7 are restarts; any other FF xx is the next marker. */
    private static int nextMarkerAfterScan(byte[] b, int pos) throws RelayException {
        int last = b.length - 1;
        for (int i = pos; i < last; i++) {
            while (i + 8 < last && !hasFF((long) LONGS.get(b, i))) {
                i += 8; // FF is rare in scan data: step over 8 bytes at a time while there is none
            }
            if (b[i] == (byte) 0xFF) {
                int next = Bytes.u8(b, i + 1);
                if (next == 0x00 || next >= 0xD0 && next <= 0xD7) {
                    i++;
                } else if (next != 0xFF) {
                    return i;
                }
            }
        }
        throw truncated();
    }

    /** Whether any of the 8 bytes is FF: the classic "has a zero byte" test applied to the complement. */
    private static boolean hasFF(long eightBytes) {
        long x = ~eightBytes;
        return ((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0;
    }

    /** FF01 (TEM) and FFC0–FFFE are markers; FF02–FFBF are reserved and a second SOI makes no sense. */
    private static boolean isValid(int marker) {
        return marker == TEM || marker >= 0xC0 && marker != SOI;
    }

    private static boolean isStandalone(int marker) {
        return marker == TEM || marker >= 0xD0 && marker <= 0xD7;
    }

    private static RelayException truncated() {
        return BadImage.truncated("the JPEG data ends before its end-of-image marker");
    }
}
