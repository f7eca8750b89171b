package io.captionrelay.model;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one key in text a provider (or anything else) sent back, and replaces the key's characters with
 * {@code ****}, nothing else: the whole key; any run of {@value #RUN} or more characters copied from it; and a
 * truncated quote such as {@code sk-proj-****6789} or {@code sk-...abcd} (a start of the key, dots or stars, an
 * end of the key). Words around it ("Incorrect API key provided:") stay as they are.
 */
public final class KeyMask {

    static final String MASK = "****";
    /** The shortest copied run masked when the key is longer; shorter keys are masked only whole. */
    static final int RUN = 8;
    /** A truncated quote: key characters, a run of stars or dots standing for the middle, key characters. */
    private static final Pattern TRUNCATED = Pattern.compile("([A-Za-z0-9_\\-]*)(\\*{2,}|\\.{3,}|…)([A-Za-z0-9_\\-]*)");

    /** What follows {@code Bearer} or {@code api-key:}: masked only when it looks like a key, not like a word. */
    private static final Pattern LABELLED = Pattern.compile("(?i)(bearer\\s+|api[-_ ]?key[\"']?\\s*[:=]\\s*[\"']?)([^\\s\"',;}]+)");
    private static final Pattern SK_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_*\\-]{4,}");

    private final String key;
    private final Set<String> runs = new HashSet<>();

    /**
     * A key's name where it must be told apart but never shown (quota logs, paid-call rows, metrics): the first
     * 8 bytes of its SHA-256 in hex; {@code no-key} for a provider without one.
     */
    public static String fingerprint(Secret key) {
        if (key == null) {
            return "no-key";
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public KeyMask(String key) {
        this.key = key;
        for (int i = 0; i + RUN <= key.length(); i++) {
            runs.add(key.substring(i, i + RUN));
        }
    }

    /**
     * Masks what looks like a key although no configured key is known to match it: the value after {@code Bearer}
     * or {@code api-key:} when it holds a digit or is 20 characters long ("Bearer token missing" stays), and
     * {@code sk-…} keys.
     */
    public static String keyLike(String text) {
        Matcher m = LABELLED.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = m.group(2);
            boolean looksLikeKey = value.length() >= 20 || value.chars().anyMatch(Character::isDigit);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + (looksLikeKey ? MASK : value)));
        }
        String masked = m.appendTail(out).toString();
        return SK_KEY.matcher(masked).replaceAll("sk-" + MASK);
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String quotesMasked = truncations(text);
        return key.length() < RUN ? quotesMasked.replace(key, MASK) : runs(quotesMasked);
    }

    /** Every run of at least RUN characters of the text that appears in the key, longest first from the left. */
    private String runs(String text) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i + RUN <= text.length(); i++) {
            if (!runs.contains(text.substring(i, i + RUN))) {
                continue;
            }
            int end = i + RUN;
            while (end < text.length() && key.contains(text.substring(i, end + 1))) {
                end++;
            }
            out = out == null ? new StringBuilder(text.length()) : out;
            out.append(text, copied, i).append(MASK);
            copied = end;
            i = end - 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private String truncations(String text) {
        Matcher m = TRUNCATED.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        boolean found = false;
        while (m.find()) {
            String head = m.group(1);
            String tail = m.group(3);
            boolean quotesKey = (head.isEmpty() || key.startsWith(head)) && (tail.isEmpty() || key.endsWith(tail))
                    && head.length() + tail.length() >= 3 && !(head + m.group(2) + tail).equals(MASK);
            m.appendReplacement(out, Matcher.quoteReplacement(quotesKey ? MASK : m.group()));
            found |= quotesKey;
        }
        return found ? m.appendTail(out).toString() : text;
    }
}
