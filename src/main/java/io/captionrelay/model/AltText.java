package io.captionrelay.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short accessibility text (the {@code altText} of a result): one line, within a length limit, cut at a word
 * boundary with an ellipsis when it is longer. Providers derive it only from what they said about the image.
 */
public final class AltText {

    /** The default limit, the length screen-reader guidance commonly names. */
    public static final int DEFAULT_MAX_LENGTH = 125;

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？](?=\\s|$)");

    private AltText() {
    }

    /** The text on one line, at most {@code maxLength} characters; null for null or blank text. */
    public static String fit(String text, int maxLength) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String line = text.strip().replaceAll("\\s+", " ");
        if (line.codePointCount(0, line.length()) <= maxLength) {
            return line;
        }
        int limit = line.offsetByCodePoints(0, Math.max(1, maxLength - 1)); // room for the ellipsis
        int space = line.lastIndexOf(' ', limit);
        String cut = space > 0 ? line.substring(0, space) : line.substring(0, limit);
        return cut.replaceAll("[\\s,;:.\\-–—]+$", "") + "…";
    }

    /** The first sentence of a longer text (Markdown emphasis and headings taken off), or null. */
    public static String firstSentence(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String plain = text.strip().replaceAll("(?m)^#{1,6}\\s+", "").replace("**", "").replace("__", "");
        String firstParagraph = plain.split("\\R\\s*\\R", 2)[0].replaceAll("\\s+", " ").strip();
        Matcher end = SENTENCE_END.matcher(firstParagraph);
        return end.find() ? firstParagraph.substring(0, end.end()) : firstParagraph;
    }
}
