package io.captionrelay.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fitting names into byte budgets: a short hash of a name, and the longest start of a name within a budget. */
public final class NameFit {

    private NameFit() {
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

    /** The length of {@code s} in UTF-8 bytes. */
    public static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
