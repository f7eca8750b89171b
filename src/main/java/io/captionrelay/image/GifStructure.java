package io.captionrelay.image;

import io.captionrelay.failure.RelayException;

/** Walks a GIF's blocks to the 0x3B trailer, skipping colour tables and LZW sub-blocks without decoding them. */
final class GifStructure {

    private static final int EXTENSION = 0x21;
    private static final int IMAGE = 0x2C;
    private static final int TRAILER = 0x3B;

    private final byte[] b;
    private int pos;

    private GifStructure(byte[] b) {
        this.b = b;
    }

    static void check(byte[] b) throws RelayException {
        new GifStructure(b).walk();
    }

    private void walk() throws RelayException {
        pos = 6 + 4; // header, then the screen's width and height
        skipColourTable(next());
        skip(2); // background colour, aspect ratio
        while (true) {
            int block = next();
            switch (block) {
                case TRAILER -> {
                    return;
                }
                case EXTENSION -> {
                    skip(1); // label
                    skipSubBlocks();
                }
                case IMAGE -> {
                    skip(8); // position and size
                    skipColourTable(next());
                    skip(1); // LZW minimum code size
                    skipSubBlocks();
                }
                default -> throw BadImage.corrupt("the GIF data has an unknown block 0x" + BadImage.hexByte(block)
                        + " at byte " + (pos - 1));
            }
        }
    }

    private void skipColourTable(int packedFields) throws RelayException {
        if ((packedFields & 0x80) != 0) {
            skip(3 << ((packedFields & 0x07) + 1));
        }
    }

    private void skipSubBlocks() throws RelayException {
        for (int size = next(); size != 0; size = next()) {
            skip(size);
        }
    }

    private int next() throws RelayException {
        skip(1);
        return Bytes.u8(b, pos - 1);
    }

    private void skip(int count) throws RelayException {
        pos += count;
        if (pos > b.length) {
            throw BadImage.truncated("the GIF data ends before its trailer");
        }
    }
}
