package io.captionrelay.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's keywords and their synonyms ({@code relay.result.tags.vocabulary}; docs/tag-control.md): one keyword
 * a line, optionally followed by a colon and synonyms separated by commas, e.g. {@code sea: ocean, seaside}.
 * Blank lines and lines starting with {@code #} are skipped. Matching ignores case.
 */
final class TagVocabulary {

    private final Map<String, String> keywordOf;
    private final Set<String> keywords;

    private TagVocabulary(Map<String, String> keywordOf, Set<String> keywords) {
        this.keywordOf = Map.copyOf(keywordOf);
        this.keywords = Set.copyOf(keywords);
    }

    static TagVocabulary read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("relay.result.tags.vocabulary: cannot read " + file + " (" + e.getMessage() + ")", e);
        }
        return parse(lines, file.toString());
    }

    static TagVocabulary parse(List<String> lines, String where) {
        Map<String, String> keywordOf = new HashMap<>();
        Set<String> keywords = new LinkedHashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String keyword = (colon < 0 ? line : line.substring(0, colon)).strip();
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException("relay.result.tags.vocabulary: " + where + " line " + (n + 1)
                        + " has synonyms but no keyword before the colon");
            }
            keywords.add(keyword);
            map(keywordOf, keyword, keyword, where, n);
            if (colon >= 0) {
                for (String synonym : line.substring(colon + 1).split(",")) {
                    if (!synonym.isBlank()) {
                        map(keywordOf, synonym.strip(), keyword, where, n);
                    }
                }
            }
        }
        return new TagVocabulary(keywordOf, keywords);
    }

    private static void map(Map<String, String> keywordOf, String word, String keyword, String where, int n) {
        String before = keywordOf.putIfAbsent(fold(word), keyword);
        if (before != null && !before.equals(keyword)) {
            throw new IllegalArgumentException("relay.result.tags.vocabulary: " + where + " line " + (n + 1) + " maps '"
                    + word + "' to '" + keyword + "', but an earlier line maps it to '" + before + "'");
        }
    }

    /** The user's keyword for a tag (itself, or the keyword it is a synonym of), or empty when it is not in the vocabulary. */
    Optional<String> keywordFor(String tag) {
        return Optional.ofNullable(keywordOf.get(fold(tag)));
    }

    int size() {
        return keywords.size();
    }

    private static String fold(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
