package io.captionrelay.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a structured answer out of a model's text: the whole text as a JSON object (what a server that honours
 * the schema sends), else the first {@code ```json} block (a model that followed the prompt's instruction
 * without a schema). Empty when neither holds an object with at least one known field: the caller then reads
 * the text as plain text.
 */
final class StructuredAnswer {

    record Fields(String title, String caption, String altText, String description, List<String> tags) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JSON_BLOCK = Pattern.compile("```(?:json|JSON)?\\s*\\n(.*?)\\n?```", Pattern.DOTALL);

    private StructuredAnswer() {
    }

    static Optional<Fields> read(String content, int maxTags) {
        Optional<Fields> whole = fields(content.strip(), maxTags);
        if (whole.isPresent()) {
            return whole;
        }
        Matcher block = JSON_BLOCK.matcher(content);
        return block.find() ? fields(block.group(1).strip(), maxTags) : Optional.empty();
    }

    private static Optional<Fields> fields(String text, int maxTags) {
        if (!text.startsWith("{")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException notJson) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        Fields fields = new Fields(text(node, "title"), text(node, "caption"), text(node, "altText", "alt_text", "alt"),
                text(node, "description"), tags(node.path("tags"), maxTags));
        boolean any = fields.title() != null || fields.caption() != null || fields.altText() != null
                || fields.description() != null || !fields.tags().isEmpty();
        return any ? Optional.of(fields) : Optional.empty();
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.path(name);
            if (value.isTextual() && !value.asText().isBlank()) {
                return value.asText().strip();
            }
        }
        return null;
    }

    /** An array of strings, or one comma-separated string; blanks and repeats (ignoring case) left out, at most {@code max}. */
    private static List<String> tags(JsonNode node, int max) {
        List<String> raw = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(tag -> raw.add(tag.isValueNode() ? tag.asText() : ""));
        } else if (node.isTextual()) {
            raw.addAll(List.of(node.asText().split(",")));
        }
        List<String> tags = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String tag : raw) {
            String clean = tag.strip();
            String folded = clean.toLowerCase(Locale.ROOT);
            if (!clean.isEmpty() && !seen.contains(folded) && tags.size() < max) {
                tags.add(clean);
                seen.add(folded);
            }
        }
        return tags;
    }
}
