package io.captionrelay.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What every result's tags go through, in this order (docs/tag-control.md): synonyms mapped to the vocabulary's
 * keywords, tags outside the vocabulary dropped when asked, lower-cased when asked, repeats (ignoring case) and
 * blanks left out keeping the first, then at most {@code maxCount} (0: no limit).
 */
record TagRules(Optional<TagVocabulary> vocabulary, boolean vocabularyOnly, boolean lowerCase, int maxCount) {

    static final TagRules NONE = new TagRules(Optional.empty(), false, false, 0);

    TagRules {
        if (maxCount < 0) {
            throw new IllegalArgumentException("relay.result.tags.max-count must be 0 (no limit) or more: " + maxCount);
        }
        if (vocabularyOnly && vocabulary.isEmpty()) {
            throw new IllegalArgumentException("relay.result.tags.vocabulary-only=true needs relay.result.tags.vocabulary");
        }
    }

    List<String> apply(List<String> tags) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String tag : tags) {
            if (tag == null || tag.isBlank()) {
                continue;
            }
            Optional<String> keyword = vocabulary.flatMap(v -> v.keywordFor(tag));
            if (vocabularyOnly && keyword.isEmpty()) {
                continue;
            }
            String kept = keyword.orElse(tag.strip());
            if (lowerCase) {
                kept = kept.toLowerCase(Locale.ROOT);
            }
            if (seen.add(kept.toLowerCase(Locale.ROOT)) && (maxCount == 0 || out.size() < maxCount)) {
                out.add(kept);
            }
        }
        return out;
    }
}
