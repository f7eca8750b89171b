package io.captionrelay.provider.imaginepro;

import com.fasterxml.jackson.databind.JsonNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ProviderAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads Midjourney's describe result, the four prompt-style descriptions, from a finished message.
 * The document does not name the field and proxies differ, so it looks in {@code content},
 * {@code description} and {@code prompt}, in that order, each either an array of strings or one string
 * whose lines start with 1️⃣ 2️⃣ 3️⃣ 4️⃣. The markers, Midjourney flags ({@code --ar 1:1}, {@code --v 6} …)
 * and Markdown links ({@code [cat](https://s.mj.run/…)} → {@code cat}) are removed.
 */
final class DescribePrompts {

    static final List<String> FIELDS = List.of("content", "description", "prompt");
    static final int TITLE_MAX = 80;

    /** 1️⃣ (digit, optional U+FE0F, U+20E3) or a plain "1." / "1)" at the start of a line. */
    private static final Pattern MARKER = Pattern.compile("^\\s*(?:[0-9]\\uFE0F?\\u20E3|[1-9][.)](?=\\s))\\s*");
    /** From the first {@code --flag} to the end: Midjourney puts its parameters last. */
    private static final Pattern FLAGS = Pattern.compile("(?:^|\\s)--[A-Za-z].*$", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\(\\s*<?https?://[^)]*\\)");
    private static final Pattern URL_ONLY = Pattern.compile("^<?https?://\\S+>?$");
    /** Where a title's first clause ends. */
    private static final Pattern CLAUSE_END = Pattern.compile("[,;:]|\\s[-–—]\\s|\\.(?:\\s|$)");

    private DescribePrompts() {
    }

    /** The canonical answer for a finished message; TRANSIENT when no description can be read from it. */
    static ProviderAnswer answer(JsonNode message, String messageId) throws RelayException {
        List<String> prompts = read(message);
        if (prompts.isEmpty()) {
            String snippet = message.toString();
            throw new RelayException(ErrorClass.TRANSIENT, "ImaginePro finished message " + messageId
                    + " without a description in content, description or prompt: "
                    + (snippet.length() <= 200 ? snippet : snippet.substring(0, 200) + "…"));
        }
        StringBuilder description = new StringBuilder();
        for (int i = 0; i < prompts.size(); i++) {
            description.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(prompts.get(i));
        }
        return new ProviderAnswer(title(prompts.get(0)), description.toString(), null, List.of(), Map.of(), messageId, message);
    }

    /** The descriptions from the first of {@link #FIELDS} that holds any. */
    static List<String> read(JsonNode message) {
        if (message == null) {
            return List.of();
        }
        for (String field : FIELDS) {
            List<String> prompts = fromNode(message.get(field));
            if (!prompts.isEmpty()) {
                return prompts;
            }
        }
        return List.of();
    }

    /**
     * The first clause of the first description (up to the first comma, semicolon, colon, dash or full
     * stop), at most {@value #TITLE_MAX} characters cut at a word boundary with "…", first letter upper case.
     */
    static String title(String first) {
        String clause = CLAUSE_END.split(first, 2)[0].strip();
        if (clause.length() < 3) {
            clause = first;
        }
        if (clause.length() > TITLE_MAX) {
            int cut = clause.lastIndexOf(' ', TITLE_MAX - 1);
            clause = (cut >= TITLE_MAX / 3 ? clause.substring(0, cut) : clause.substring(0, TITLE_MAX - 1)).strip() + "…";
        }
        return clause.substring(0, 1).toUpperCase(Locale.ROOT) + clause.substring(1);
    }

    private static List<String> fromNode(JsonNode node) {
        List<String> prompts = new ArrayList<>();
        if (node == null || node.isNull()) {
            return prompts;
        }
        if (node.isArray()) {
            node.forEach(element -> {
                if (element.isTextual()) {
                    prompts.addAll(fromText(element.asText()));
                }
            });
        } else if (node.isTextual()) {
            prompts.addAll(fromText(node.asText()));
        }
        return prompts;
    }

    /** Lines starting with a marker each begin a description (later unmarked lines continue it); without markers, one per line. */
    private static List<String> fromText(String text) {
        String[] lines = text.split("\\R");
        boolean marked = false;
        for (String line : lines) {
            marked |= MARKER.matcher(line).find();
        }
        List<String> prompts = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            var marker = MARKER.matcher(line);
            if (!marked) {
                add(prompts, line);
            } else if (marker.find()) {
                if (current != null) {
                    add(prompts, current.toString());
                }
                current = new StringBuilder(line.substring(marker.end()));
            } else if (current != null) {
                current.append(' ').append(line.strip());
            }
        }
        if (current != null) {
            add(prompts, current.toString());
        }
        return prompts;
    }

    private static void add(List<String> prompts, String raw) {
        String prompt = MARKER.matcher(raw).replaceFirst("");
        prompt = LINK.matcher(prompt).replaceAll("$1");
        prompt = FLAGS.matcher(prompt).replaceFirst("");
        prompt = prompt.replaceAll("\\s+", " ").strip().replaceAll("[\\s,;]+$", "");
        if (!prompt.isEmpty() && !URL_ONLY.matcher(prompt).matches()) {
            prompts.add(prompt);
        }
    }
}
