package io.captionrelay.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns an untrusted item path (a file name from the inbox, an S3 key) into a relative path that
 * stays inside whatever folder or prefix it is resolved against: no {@code ..}, no absolute root,
 * no control characters, and every segment short enough that sinks can append a suffix and still
 * fit common file-system name limits (255 bytes).
 */
public final class SafePath {

    /** Segment budget in UTF-8 bytes, leaving room for suffixes such as {@code .imagedescriber-tags.json}. */
    static final int MAX_SEGMENT_BYTES = 180;

    private SafePath() {
    }

    public static String of(String untrusted) {
        List<String> segments = new ArrayList<>();
        String path = untrusted == null ? "" : untrusted.replace('\\', '/');
        for (String raw : path.split("/")) {
            String segment = clean(raw);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                continue;
            }
            segments.add(shorten(segment));
        }
        return segments.isEmpty() ? "unnamed" : String.join("/", segments);
    }

    private static String clean(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        segment.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && cp != ':')
                .forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    /** Keeps long names recognisable and unique: a prefix that fits, then a short hash of the whole name. */
    private static String shorten(String segment) {
        byte[] utf8 = segment.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_SEGMENT_BYTES) {
            return segment;
        }
        String hash = HexFormat.of().formatHex(sha256(utf8), 0, 5);
        int budget = MAX_SEGMENT_BYTES - hash.length() - 1;
        StringBuilder prefix = new StringBuilder();
        int used = 0;
        for (int i = 0; i < segment.length(); ) {
            int cp = segment.codePointAt(i);
            int bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            prefix.appendCodePoint(cp);
            used += bytes;
            i += Character.charCount(cp);
        }
        return prefix + "~" + hash;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
