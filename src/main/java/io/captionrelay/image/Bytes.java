package io.captionrelay.image;

/** Unsigned integer reads from a byte array; callers check the bounds. */
final class Bytes {

    private Bytes() {
    }

    static int u8(byte[] b, int pos) {
        return b[pos] & 0xFF;
    }

    static int u16be(byte[] b, int pos) {
        return u8(b, pos) << 8 | u8(b, pos + 1);
    }

    static long u32be(byte[] b, int pos) {
        return (long) u16be(b, pos) << 16 | u16be(b, pos + 2);
    }

    static int u16le(byte[] b, int pos) {
        return u8(b, pos) | u8(b, pos + 1) << 8;
    }

    static long u32le(byte[] b, int pos) {
        return u16le(b, pos) | (long) u16le(b, pos + 2) << 16;
    }

    static int s32le(byte[] b, int pos) {
        return (int) u32le(b, pos);
    }
}
