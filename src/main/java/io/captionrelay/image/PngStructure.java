package io.captionrelay.image;

import io.captionrelay.failure.RelayException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Walks a PNG's chunks up to IEND, checking each chunk's CRC; never inflates the image data. */
final class PngStructure {

    private static final int SIGNATURE_LENGTH = 8;

    private PngStructure() {
    }

    static void check(byte[] b) throws RelayException {
        CRC32 crc = new CRC32();
        int pos = SIGNATURE_LENGTH;
        while (true) {
            if (pos + 8 > b.length) {
                throw truncated();
            }
            long length = Bytes.u32be(b, pos);
            if (!isChunkType(b, pos + 4)) {
                throw BadImage.corrupt("the PNG data has no valid chunk at byte " + pos);
            }
            String type = new String(b, pos + 4, 4, StandardCharsets.US_ASCII);
            long end = pos + 12L + length; // length, type, data, CRC
            if (end > b.length) {
                throw truncated();
            }
            crc.reset();
            crc.update(b, pos + 4, 4 + (int) length);
            if (crc.getValue() != Bytes.u32be(b, (int) end - 4)) {
                throw BadImage.corrupt("the PNG chunk " + type + " at byte " + pos + " fails its CRC check");
            }
            if (type.equals("IEND")) {
                return;
            }
            pos = (int) end;
        }
    }

    private static boolean isChunkType(byte[] b, int pos) {
        for (int i = pos; i < pos + 4; i++) {
            int c = b[i] | 0x20; // lower-case
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private static RelayException truncated() {
        return BadImage.truncated("the PNG data ends before its IEND chunk");
    }
}
