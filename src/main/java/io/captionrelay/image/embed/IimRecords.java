package io.captionrelay.image.embed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * IPTC-IIM datasets (the "IPTC" block that tools which read no XMP still read): Object Name (2:05), Keywords
 * (2:25) and Caption-Abstract (2:120), written in UTF-8 (Coded Character Set 1:90 = ESC % G). Datasets the
 * image already has are kept; text it had in another character set is carried over into UTF-8.
 */
final class IimRecords {

    record DataSet(int record, int number, byte[] value) {
    }

    static final byte[] UTF8_MARK = {0x1B, 0x25, 0x47};
    private static final int OBJECT_NAME = 5;
    private static final int KEYWORDS = 25;
    private static final int CAPTION = 120;
    private static final int RECORD_VERSION = 0;
    private static final Set<Integer> BINARY_APPLICATION = Set.of(RECORD_VERSION, 150, 200, 201, 202);

    private IimRecords() {
    }

    /** The datasets of {@code existing} (an 8BIM 0x0404 block, possibly empty) with the fields written in. */
    static byte[] write(byte[] existing, MetadataFields f, WriteMode mode) {
        List<DataSet> old = read(existing);
        Charset oldCharset = old.stream().anyMatch(d -> d.record() == 1 && d.number() == 90 && Arrays.equals(d.value(), UTF8_MARK))
                ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        List<DataSet> out = new ArrayList<>();
        out.add(new DataSet(1, 90, UTF8_MARK));
        boolean hasVersion = false;
        boolean hasName = false;
        boolean hasCaption = false;
        Set<String> keywords = new HashSet<>();
        for (DataSet d : old) {
            if (d.record() == 1 && d.number() == 90) {
                continue;
            }
            boolean ours = d.record() == 2 && (d.number() == OBJECT_NAME || d.number() == KEYWORDS || d.number() == CAPTION);
            if (ours && mode == WriteMode.REPLACE) {
                continue;
            }
            DataSet kept = d.record() == 2 && !BINARY_APPLICATION.contains(d.number()) && oldCharset != StandardCharsets.UTF_8
                    ? new DataSet(2, d.number(), new String(d.value(), oldCharset).getBytes(StandardCharsets.UTF_8)) : d;
            out.add(kept);
            hasVersion |= d.record() == 2 && d.number() == RECORD_VERSION;
            hasName |= d.record() == 2 && d.number() == OBJECT_NAME;
            hasCaption |= d.record() == 2 && d.number() == CAPTION;
            if (d.record() == 2 && d.number() == KEYWORDS) {
                keywords.add(new String(kept.value(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
            }
        }
        if (!hasVersion) {
            out.add(new DataSet(2, RECORD_VERSION, new byte[] {0, 4}));
        }
        if (f.title() != null && !hasName) {
            out.add(text(OBJECT_NAME, f.title(), 64));
        }
        for (String keyword : f.keywords()) {
            if (keywords.add(keyword.toLowerCase(Locale.ROOT))) {
                out.add(text(KEYWORDS, keyword, 64));
            }
        }
        if (f.description() != null && !hasCaption) {
            out.add(text(CAPTION, f.description(), 2000));
        }
        out.sort(Comparator.comparingInt(DataSet::record).thenComparingInt(DataSet::number)); // stable: keywords keep their order
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (DataSet d : out) {
            bytes.write(0x1C);
            bytes.write(d.record());
            bytes.write(d.number());
            bytes.write(d.value().length >> 8);
            bytes.write(d.value().length & 0xFF);
            bytes.writeBytes(d.value());
        }
        return bytes.toByteArray();
    }

    /** Reads standard datasets (tag 0x1C, 2-byte length); stops at anything else. */
    static List<DataSet> read(byte[] b) {
        List<DataSet> sets = new ArrayList<>();
        int pos = 0;
        while (pos + 5 <= b.length && b[pos] == 0x1C) {
            int length = (b[pos + 3] & 0xFF) << 8 | b[pos + 4] & 0xFF;
            if ((length & 0x8000) != 0 || pos + 5 + length > b.length) {
                break; // extended datasets are not used for text; a cut one ends the block
            }
            sets.add(new DataSet(b[pos + 1] & 0xFF, b[pos + 2] & 0xFF, Arrays.copyOfRange(b, pos + 5, pos + 5 + length)));
            pos += 5 + length;
        }
        return sets;
    }

    /** UTF-8 text cut to the dataset's byte limit without splitting a character. */
    private static DataSet text(int number, String value, int maxBytes) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= maxBytes) {
            return new DataSet(2, number, utf8);
        }
        int end = maxBytes;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--; // back to the first byte of the character that would be split
        }
        return new DataSet(2, number, Arrays.copyOf(utf8, end));
    }
}
