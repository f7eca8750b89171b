package io.captionrelay.provider.openai;

import java.util.regex.Pattern;

/**
 * Splits a model's answer into a title and a description when, and only when, its first line really
 * looks like a title: the built-in prompt asks for one, but models do not always comply. The first line
 * is a title when text follows it, and, once a Markdown heading mark, bold, a "Title:" label and quotes
 * are taken off, it is 1–100 characters and at most 15 words, does not end like a sentence or an
 * introduction ({@code . , ; : !}), and is not a list item, a table row or a code fence. Otherwise the
 * whole answer is the description and the title stays empty: never invented.
 */
final class TitleLine {

    record Split(String title, String description) {
    }

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+");
    private static final Pattern TITLE_LABEL = Pattern.compile("(?i)^(\\*\\*|__)?title(\\*\\*|__)?\\s*[:：]\\s*(\\*\\*|__)?");
    private static final Pattern DESCRIPTION_LABEL = Pattern.compile("(?i)^(\\*\\*|__)?description(\\*\\*|__)?\\s*[:：]\\s*(\\*\\*|__)?\\s*");
    private static final Pattern LIST_ITEM = Pattern.compile("^([-*+•]\\s|\\d+[.)]\\s)");
    private static final String QUOTES = "\"'“”‘’«»";

    private TitleLine() {
    }

    static Split whole(String content) {
        return new Split(null, content.strip());
    }

    static Split split(String content) {
        String text = content.replace("\r\n", "\n").replace('\r', '\n').strip();
        int newline = text.indexOf('\n');
        if (newline < 0) {
            return whole(text);
        }
        String rest = text.substring(newline + 1).strip();
        String title = clean(text.substring(0, newline));
        if (rest.isEmpty() || !looksLikeTitle(title, text.substring(0, newline).strip())) {
            return whole(text);
        }
        String description = DESCRIPTION_LABEL.matcher(rest).replaceFirst("").strip();
        return description.isEmpty() ? whole(text) : new Split(title, description);
    }

    private static String clean(String line) {
        String s = HEADING.matcher(line.strip()).replaceFirst("");
        s = TITLE_LABEL.matcher(s).replaceFirst("");
        s = unwrap(s, "**");
        s = unwrap(s, "__");
        s = s.strip();
        while (s.length() >= 2 && QUOTES.indexOf(s.charAt(0)) >= 0 && QUOTES.indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    private static String unwrap(String s, String mark) {
        String t = s.strip();
        if (t.startsWith(mark)) {
            t = t.substring(mark.length());
        }
        if (t.endsWith(mark)) {
            t = t.substring(0, t.length() - mark.length());
        }
        return t;
    }

    private static boolean looksLikeTitle(String title, String original) {
        if (title.isEmpty() || title.length() > 100 || title.split("\\s+").length > 15) {
            return false;
        }
        if (LIST_ITEM.matcher(original).find() || original.startsWith("|") || original.startsWith("```")) {
            return false;
        }
        char last = title.charAt(title.length() - 1);
        return ".,;:!…".indexOf(last) < 0;
    }
}
