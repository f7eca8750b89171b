package io.captionrelay.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an untrusted item path (a file name from the inbox, an S3 key) into a relative path that
 * stays inside whatever folder or prefix it is resolved against: no {@code ..}, no absolute root,
 * no control characters, no {@code :} or {@code \}, and every segment short enough that sinks can
 * append a suffix and still fit common file-system name limits (255 bytes). A path that had to be
 * changed gets a short hash of the original before its extension ({@code a:b.jpg} becomes
 * {@code ab~1f2e3d4c5b.jpg}), so two item paths never share one output path.
 */
public final class SafePath {

    /** Segment budget in UTF-8 bytes, leaving room for suffixes such as {@code .imagedescriber-tags.json}. */
    static final int MAX_SEGMENT_BYTES = 180;
    /** {@code ~} and ten hex digits. */
    private static final int HASH_BYTES = 11;

    private SafePath() {
    }

    public static String of(String untrusted) {
        String path = untrusted == null ? "" : untrusted;
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("[/\\\\]")) {
            String segment = clean(raw);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                continue;
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            return "unnamed~" + NameFit.hash(path);
        }
        boolean changed = !String.join("/", segments).equals(path);
        for (int i = 0; i < segments.size(); i++) {
            boolean last = i == segments.size() - 1;
            segments.set(i, fit(segments.get(i), last && changed ? NameFit.hash(path) : null));
        }
        return String.join("/", segments);
    }

    private static String clean(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        segment.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && cp != ':')
                .forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    /** The segment within the budget, with {@code hash} (when given) before its extension; a long one keeps a prefix and a hash. */
    private static String fit(String segment, String hash) {
        int dot = segment.lastIndexOf('.');
        String extension = dot > 0 && segment.length() - dot <= 16 ? segment.substring(dot) : "";
        String stem = segment.substring(0, segment.length() - extension.length());
        if (hash != null) {
            String marked = stem + "~" + hash + extension;
            return utf8(marked) <= MAX_SEGMENT_BYTES ? marked
                    : NameFit.prefix(stem, MAX_SEGMENT_BYTES - HASH_BYTES - utf8(extension)) + "~" + hash + extension;
        }
        if (utf8(segment) <= MAX_SEGMENT_BYTES) {
            return segment;
        }
        return NameFit.prefix(segment, MAX_SEGMENT_BYTES - HASH_BYTES) + "~" + NameFit.hash(segment);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
