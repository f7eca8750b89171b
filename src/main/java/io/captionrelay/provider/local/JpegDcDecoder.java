package io.captionrelay.provider.local;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads a Huffman-coded JPEG (baseline or progressive, 8-bit, greyscale or three-component) at 1/8
 * scale: each 8×8 block becomes one pixel, its mean colour, taken from the block's DC coefficient.
 * AC coefficients are skipped without an inverse DCT, so a 12-megapixel JPEG costs a fraction of a
 * full decode. Anything else (arithmetic coding, lossless, CMYK, 12-bit, damaged data) returns null
 * so the caller can fall back to ImageIO, which then gives the definitive answer.
 */
final class JpegDcDecoder {

    private static final int[] NONE = new int[0];
    /** Per component: 16M blocks is a gigapixel, 64 MB of DC values; beyond that, leave it to ImageIO. */
    private static final long MAX_BLOCKS = 16L << 20;
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] data;
    private int pos;

    // frame
    private int width;
    private int height;
    private boolean progressive;
    private int[] componentIds = NONE;
    private int[] hSamp;
    private int[] vSamp;
    private int[] quantTable;
    private int hMax;
    private int vMax;
    private int mcusX;
    private int mcusY;
    private int[][] dc; // per component, per block (MCU-padded grid): the DC coefficient, not yet dequantised
    private final int[] quantDc = new int[4];
    private final HuffmanTable[] dcTables = new HuffmanTable[4];
    private final HuffmanTable[] acTables = new HuffmanTable[4];
    private int restartInterval;
    private int adobeTransform = -1;

    private JpegDcDecoder(byte[] data) {
        this.data = data;
    }

    /**
     * Block means of the JPEG, every n-th block in each direction so that the longer edge has at most
     * sampleEdge pixels. Null when this decoder does not handle the file, or when the image is too small
     * for its blocks to give half of sampleEdge on the longer edge (a full decode is cheap and finer then).
     */
    static SampledImage decode(byte[] jpeg, int sampleEdge) {
        try {
            return new JpegDcDecoder(jpeg).run(sampleEdge);
        } catch (Unsupported | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private SampledImage run(int sampleEdge) {
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
            throw new Unsupported();
        }
        pos = 2;
        boolean sawScan = false;
        while (pos < data.length) {
            int marker = nextMarker();
            if (marker == 0xD9) {
                break;
            }
            if (marker == 0xDA) {
                scan();
                sawScan = true;
            } else {
                segment(marker);
                if (componentIds != NONE && Math.max(width, height) < 4L * sampleEdge) {
                    return null;
                }
            }
        }
        if (!sawScan) {
            throw new Unsupported();
        }
        return toPixels(sampleEdge);
    }

    private int nextMarker() {
        if ((data[pos] & 0xFF) != 0xFF) {
            throw new Unsupported();
        }
        while ((data[pos] & 0xFF) == 0xFF) {
            pos++;
        }
        return data[pos++] & 0xFF;
    }

    private void segment(int marker) {
        int length = u16(pos);
        int start = pos + 2;
        int end = pos + length;
        if (length < 2 || end > data.length) {
            throw new Unsupported();
        }
        switch (marker) {
            case 0xC0, 0xC1 -> frame(start, false);
            case 0xC2 -> frame(start, true);
            case 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF -> throw new Unsupported();
            case 0xC4 -> huffmanTables(start, end);
            case 0xDB -> quantTables(start, end);
            case 0xDD -> restartInterval = u16(start);
            case 0xEE -> adobe(start, end);
            default -> { }
        }
        pos = end;
    }

    private void frame(int p, boolean progressive) {
        if (componentIds != NONE || (data[p] & 0xFF) != 8) {
            throw new Unsupported();
        }
        this.progressive = progressive;
        height = u16(p + 1);
        width = u16(p + 3);
        int n = data[p + 5] & 0xFF;
        if (width == 0 || height == 0 || (n != 1 && n != 3)) {
            throw new Unsupported();
        }
        componentIds = new int[n];
        hSamp = new int[n];
        vSamp = new int[n];
        quantTable = new int[n];
        for (int c = 0; c < n; c++) {
            int q = p + 6 + 3 * c;
            componentIds[c] = data[q] & 0xFF;
            hSamp[c] = (data[q + 1] & 0xFF) >> 4;
            vSamp[c] = data[q + 1] & 0x0F;
            quantTable[c] = data[q + 2] & 0x03;
            if (hSamp[c] < 1 || hSamp[c] > 4 || vSamp[c] < 1 || vSamp[c] > 4) {
                throw new Unsupported();
            }
            hMax = Math.max(hMax, hSamp[c]);
            vMax = Math.max(vMax, vSamp[c]);
        }
        mcusX = ceilDiv(width, 8 * hMax);
        mcusY = ceilDiv(height, 8 * vMax);
        if ((long) mcusX * hMax * mcusY * vMax > MAX_BLOCKS) {
            throw new Unsupported();
        }
        dc = new int[n][];
        for (int c = 0; c < n; c++) {
            dc[c] = new int[mcusX * hSamp[c] * mcusY * vSamp[c]];
        }
    }

    private void huffmanTables(int p, int end) {
        while (p < end) {
            int tc = (data[p] & 0xFF) >> 4;
            int th = data[p] & 0x0F;
            if (tc > 1 || th > 3) {
                throw new Unsupported();
            }
            int[] counts = new int[17];
            int total = 0;
            for (int len = 1; len <= 16; len++) {
                counts[len] = data[p + len] & 0xFF;
                total += counts[len];
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = data[p + 17 + i] & 0xFF;
            }
            (tc == 0 ? dcTables : acTables)[th] = new HuffmanTable(counts, symbols);
            p += 17 + total;
        }
    }

    private void quantTables(int p, int end) {
        while (p < end) {
            int precision = (data[p] & 0xFF) >> 4;
            int tq = data[p] & 0x03;
            quantDc[tq] = precision == 0 ? data[p + 1] & 0xFF : u16(p + 1);
            p += 1 + (precision == 0 ? 64 : 128);
        }
    }

    private void adobe(int p, int end) {
        if (end - p >= 12 && data[p] == 'A' && data[p + 1] == 'd' && data[p + 2] == 'o' && data[p + 3] == 'b' && data[p + 4] == 'e') {
            adobeTransform = data[p + 11] & 0xFF;
        }
    }

    private void scan() {
        if (componentIds == NONE) {
            throw new Unsupported();
        }
        int length = u16(pos);
        int p = pos + 2;
        int n = data[p] & 0xFF;
        int[] comps = new int[n];
        HuffmanTable[] dcT = new HuffmanTable[n];
        HuffmanTable[] acT = new HuffmanTable[n];
        for (int i = 0; i < n; i++) {
            comps[i] = componentIndex(data[p + 1 + 2 * i] & 0xFF);
            int tables = data[p + 2 + 2 * i] & 0xFF;
            dcT[i] = dcTables[tables >> 4];
            acT[i] = acTables[tables & 0x0F];
        }
        int q = p + 1 + 2 * n;
        int ss = data[q] & 0xFF;
        int ah = (data[q + 2] & 0xFF) >> 4;
        int al = data[q + 2] & 0x0F;
        pos += length;
        if (progressive && ss != 0) {
            skipEntropyData(); // an AC scan: nothing in it changes the block means
            return;
        }
        BitReader bits = new BitReader(data, pos);
        boolean refine = progressive && ah != 0;
        boolean skipAc = !progressive;
        for (int i = 0; i < n; i++) {
            if ((!refine && dcT[i] == null) || (skipAc && acT[i] == null)) {
                throw new Unsupported();
            }
        }
        int[] predictors = new int[n];
        int unitsX;
        int unitsY;
        if (n == 1) { // a non-interleaved scan walks the component's own blocks, one block per MCU
            int c = comps[0];
            unitsX = ceilDiv(ceilDiv(width * hSamp[c], hMax), 8);
            unitsY = ceilDiv(ceilDiv(height * vSamp[c], vMax), 8);
        } else {
            unitsX = mcusX;
            unitsY = mcusY;
        }
        int units = unitsX * unitsY;
        int untilRestart = restartInterval;
        for (int u = 0; u < units; u++) {
            if (restartInterval > 0 && untilRestart == 0) {
                bits.restart();
                Arrays.fill(predictors, 0);
                untilRestart = restartInterval;
            }
            int ux = u % unitsX;
            int uy = u / unitsX;
            for (int i = 0; i < n; i++) {
                int c = comps[i];
                int stride = mcusX * hSamp[c];
                int bw = n == 1 ? 1 : hSamp[c];
                int bh = n == 1 ? 1 : vSamp[c];
                for (int by = 0; by < bh; by++) {
                    for (int bx = 0; bx < bw; bx++) {
                        int index = (uy * bh + by) * stride + ux * bw + bx;
                        if (refine) {
                            if (bits.bit() != 0) {
                                dc[c][index] |= 1 << al;
                            }
                            continue;
                        }
                        int t = bits.decode(dcT[i]);
                        if (t > 11) {
                            throw new Unsupported(); // no 8-bit DC difference is this large: damaged data
                        }
                        predictors[i] += t == 0 ? 0 : bits.receiveExtend(t);
                        dc[c][index] = predictors[i] << al;
                        if (skipAc) {
                            bits.skipAcCoefficients(acT[i]);
                        }
                    }
                }
            }
            untilRestart--;
        }
        if (bits.overrun()) {
            throw new Unsupported(); // truncated or damaged: let ImageIO judge it
        }
        pos = bits.position();
        skipEntropyData();
    }

    /** Moves pos to the next marker that is not a restart marker. */
    private void skipEntropyData() {
        int end = data.length - 1;
        while (pos < end) {
            if ((data[pos] & 0xFF) == 0xFF) {
                int next = data[pos + 1] & 0xFF;
                if (next != 0 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                    return;
                }
            }
            pos++;
        }
        pos = data.length; // the data ends without EOI: fine once the scans are read
    }

    private int componentIndex(int id) {
        for (int c = 0; c < componentIds.length; c++) {
            if (componentIds[c] == id) {
                return c;
            }
        }
        throw new Unsupported();
    }

    private SampledImage toPixels(int maxEdge) {
        int gridW = ceilDiv(width, 8);
        int gridH = ceilDiv(height, 8);
        int step = Math.max(1, ceilDiv(Math.max(gridW, gridH), maxEdge));
        int outW = ceilDiv(gridW, step);
        int outH = ceilDiv(gridH, step);
        int n = componentIds.length;
        boolean rgb = n == 3 && (adobeTransform == 0
                || (adobeTransform < 0 && componentIds[0] == 'R' && componentIds[1] == 'G' && componentIds[2] == 'B'));
        // per component: block column of each output column, and DC → 0..255 mean level
        int[][] column = new int[n][outW];
        float[] scale = new float[n];
        for (int c = 0; c < n; c++) {
            for (int x = 0; x < outW; x++) {
                column[c][x] = x * step * hSamp[c] / hMax;
            }
            scale[c] = quantDc[quantTable[c]] / 8f; // a dequantised DC is 8 × (block mean − 128)
        }
        int[] argb = new int[outW * outH];
        int[] v = new int[n];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                for (int c = 0; c < n; c++) {
                    int row = y * step * vSamp[c] / vMax;
                    v[c] = clamp(Math.round(dc[c][row * mcusX * hSamp[c] + column[c][x]] * scale[c]) + 128);
                }
                int r;
                int g;
                int b;
                if (n == 1) {
                    r = g = b = v[0];
                } else if (rgb) {
                    r = v[0];
                    g = v[1];
                    b = v[2];
                } else {
                    float luma = v[0];
                    float cb = v[1] - 128f;
                    float cr = v[2] - 128f;
                    r = clamp(Math.round(luma + 1.402f * cr));
                    g = clamp(Math.round(luma - 0.344136f * cb - 0.714136f * cr));
                    b = clamp(Math.round(luma + 1.772f * cb));
                }
                argb[y * outW + x] = 0xFF000000 | r << 16 | g << 8 | b;
            }
        }
        return new SampledImage(width, height, outW, outH, argb);
    }

    private int u16(int p) {
        return (data[p] & 0xFF) << 8 | data[p + 1] & 0xFF;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** The file uses something this fast path does not read, or is damaged. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** Canonical Huffman table with a lookahead table for the common short codes. */
    private static final class HuffmanTable {
        static final int LOOKAHEAD = 12;
        static final int MASK = (1 << LOOKAHEAD) - 1;
        final int[] fast = new int[1 << LOOKAHEAD]; // length << 8 | symbol; 0 when the code is longer
        // For AC tables: the run of whole (code, value) pairs that fit the lookahead, as bits used << 16 |
        // coefficient positions it needs << 8 | positions advanced (64 when it ends the block); 0 when none fits.
        final int[] acRun = new int[1 << LOOKAHEAD];
        final int[] maxCode = new int[18];
        final int[] valOffset = new int[17];
        final int[] symbols;

        HuffmanTable(int[] counts, int[] symbols) {
            this.symbols = symbols;
            int code = 0;
            int k = 0;
            for (int len = 1; len <= 16; len++) {
                valOffset[len] = k - code;
                for (int i = 0; i < counts[len]; i++, k++, code++) {
                    if (len <= LOOKAHEAD) {
                        int shift = LOOKAHEAD - len;
                        Arrays.fill(fast, code << shift, (code + 1) << shift, len << 8 | symbols[k]);
                    }
                }
                maxCode[len] = counts[len] == 0 ? -1 : code - 1;
                if (code > 1 << len) {
                    throw new Unsupported();
                }
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
            for (int bits = 0; bits <= MASK; bits++) {
                acRun[bits] = run(bits);
            }
        }

        private int run(int bits) {
            int used = 0;
            int advance = 0;
            while (true) {
                int entry = fast[(bits << used) & MASK];
                int len = entry >> 8;
                int rs = entry & 0xFF;
                int size = rs & 0x0F;
                if (len == 0 || used + len + size > LOOKAHEAD) {
                    break;
                }
                if (size == 0 && rs != 0xF0) {
                    return (used + len) << 16 | (advance + 1) << 8 | 64; // end of block
                }
                int step = size == 0 ? 16 : (rs >> 4) + 1;
                if (advance + step > 63) {
                    break;
                }
                used += len + size;
                advance += step;
            }
            return used << 16 | advance << 8 | advance;
        }
    }

    /** MSB-first bit reader over entropy-coded data: unstuffs 0xFF00 and stops at markers, feeding zeros after. */
    private static final class BitReader {
        private final byte[] data;
        private int pos;
        private long buffer;
        private int count;
        private int padding; // zero bits fed past a marker or the end of the data
        private int limit; // data.length until a marker is met, then 0

        BitReader(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
            this.limit = data.length;
        }

        /** Tops the buffer up to 56..63 bits, without a data-dependent branch in the common case. */
        private void refill() {
            if (pos + 8 <= limit) {
                long word = (long) BIG_ENDIAN_LONG.get(data, pos);
                long inverted = ~word;
                if (((inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L) == 0) { // no 0xFF byte
                    int bits = (63 - count) & ~7;
                    buffer = buffer << bits | word >>> 1 >>> (63 - bits);
                    pos += bits >>> 3;
                    count += bits;
                    return;
                }
            }
            fill();
        }

        /** Tops the buffer up to 56..63 bits, one byte at a time. */
        private void fill() {
            while (count < 56) {
                int b;
                if (pos < limit && (b = data[pos] & 0xFF) != 0xFF) {
                    pos++;
                } else {
                    b = stuffedByteOrMarker();
                }
                buffer = buffer << 8 | b;
                count += 8;
            }
        }

        private int stuffedByteOrMarker() {
            if (pos + 1 < limit && data[pos + 1] == 0) {
                pos += 2;
                return 0xFF;
            }
            limit = 0; // a marker, or the end: feed zeros from here on
            padding += 8;
            return 0;
        }

        int decode(HuffmanTable table) {
            if (count < 32) {
                refill();
            }
            int look = (int) (buffer >>> (count - HuffmanTable.LOOKAHEAD)) & HuffmanTable.MASK;
            int entry = table.fast[look];
            if (entry != 0) {
                count -= entry >> 8;
                return entry & 0xFF;
            }
            int len = HuffmanTable.LOOKAHEAD + 1;
            int code = (int) (buffer >>> (count - len)) & ((1 << len) - 1);
            while (code > table.maxCode[len]) {
                len++;
                if (len > 16) {
                    throw new Unsupported();
                }
                code = (int) (buffer >>> (count - len)) & ((1 << len) - 1);
            }
            count -= len;
            return table.symbols[table.valOffset[len] + code];
        }

        /** Steps over the AC coefficients of one block (baseline), several codes per table look-up. */
        void skipAcCoefficients(HuffmanTable table) {
            int[] runs = table.acRun;
            int k = 1;
            do {
                refill();
                int entry = runs[(int) (buffer >>> (count - HuffmanTable.LOOKAHEAD)) & HuffmanTable.MASK];
                if (entry == 0 || k + (entry >> 8 & 0xFF) > 64) {
                    k = skipOneAc(table, k); // a long code, or a run that would pass the end of the block
                } else {
                    count -= entry >>> 16;
                    k += entry & 0xFF;
                }
            } while (k < 64);
        }

        private int skipOneAc(HuffmanTable table, int k) {
            int rs = decode(table);
            int size = rs & 0x0F;
            if (size != 0) {
                count -= size;
                return k + (rs >> 4) + 1;
            }
            return rs == 0xF0 ? k + 16 : 64;
        }

        int receiveExtend(int size) {
            if (count < size) {
                fill();
            }
            int v = (int) (buffer >>> (count - size)) & ((1 << size) - 1);
            count -= size;
            return v < 1 << (size - 1) ? v - (1 << size) + 1 : v;
        }

        int bit() {
            if (count < 1) {
                fill();
            }
            count--;
            return (int) (buffer >>> count) & 1;
        }

        /** Drops the bits left in this interval and steps over the RSTn marker. */
        void restart() {
            if (padding > count) {
                throw new Unsupported();
            }
            count = 0;
            buffer = 0;
            padding = 0;
            limit = data.length;
            while (pos + 1 < data.length && !((data[pos] & 0xFF) == 0xFF && data[pos + 1] != 0)) {
                pos++;
            }
            int marker = pos + 1 < data.length ? data[pos + 1] & 0xFF : 0;
            if (marker < 0xD0 || marker > 0xD7) {
                throw new Unsupported();
            }
            pos += 2;
        }

        boolean overrun() {
            return padding > count;
        }

        /** Where the unread data starts: the first byte not consumed into the buffer. */
        int position() {
            return pos;
        }
    }
}
