package io.captionrelay.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names in {@code .done}, {@code .failed} and {@code .pending}: a later image of a taken name is kept
 * beside the earlier one as {@code a (2).jpg}, {@code a (3).jpg} …; every name, and the reason
 * record's name derived from it, fits in 255 bytes.
 */
public final class ArchiveNames {

    /** The longest file name Linux file systems hold, in bytes. */
    public static final int MAX_NAME_BYTES = 255;

    private ArchiveNames() {
    }

    /** The {@code n}-th choice for {@code name}: the name itself, then {@code stem (n).ext}, shortened to fit. */
    public static String numbered(String name, int n) {
        if (n <= 1 && bytes(name) <= MAX_NAME_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String tail = (n <= 1 ? "" : " (" + n + ")") + (dot > 0 ? name.substring(dot) : "");
        if (bytes(tail) > MAX_NAME_BYTES / 2) { // an absurd extension: keep the name's start instead
            return prefix(name, MAX_NAME_BYTES - bytes(" (" + n + ")")) + (n <= 1 ? "" : " (" + n + ")");
        }
        return prefix(stem, MAX_NAME_BYTES - bytes(tail)) + tail;
    }

    /**
     * The reason record's name for the archived image {@code imageName}: {@code <name><suffix>}, or, when
     * that is longer than 255 bytes, a shortened name with a hash of the image's name before the suffix.
     */
    public static String record(String imageName, String suffix) {
        if (bytes(imageName + suffix) <= MAX_NAME_BYTES) {
            return imageName + suffix;
        }
        String hash = "~" + hash(imageName);
        return prefix(imageName, MAX_NAME_BYTES - bytes(hash + suffix)) + hash + suffix;
    }

    /** The first ten hex digits of the SHA-256 of {@code text}'s UTF-8 bytes. */
    public static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The longest start of {@code text} (whole code points) that fits in {@code maxBytes} UTF-8 bytes. */
    public static String prefix(String text, int maxBytes) {
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = bytes(new String(Character.toChars(cp)));
            if (used + size > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
