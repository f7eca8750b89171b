package io.captionrelay.pipeline;

import io.captionrelay.model.AltText;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.settings.Settings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rules every provider's answer meets before it becomes the canonical result, whatever the provider:
 * alt text on one line within {@code relay.result.alt-text.max-length} characters, cut at a word boundary;
 * tags through {@link TagRules} ({@code relay.result.tags.*}).
 */
public final class AnswerRules {

    private final int altTextMaxLength;
    private final TagRules tags;

    public AnswerRules(int altTextMaxLength) {
        this(altTextMaxLength, TagRules.NONE);
    }

    AnswerRules(int altTextMaxLength, TagRules tags) {
        if (altTextMaxLength < 10) {
            throw new IllegalArgumentException("relay.result.alt-text.max-length must be at least 10: " + altTextMaxLength);
        }
        this.altTextMaxLength = altTextMaxLength;
        this.tags = tags;
    }

    public static AnswerRules from(Settings settings) {
        Optional<TagVocabulary> vocabulary = settings.optional("relay.result.tags.vocabulary").filter(v -> !v.isBlank())
                .map(file -> TagVocabulary.read(Path.of(file.strip())));
        return new AnswerRules(settings.intValue("relay.result.alt-text.max-length"), new TagRules(vocabulary,
                settings.bool("relay.result.tags.vocabulary-only"), settings.bool("relay.result.tags.lower-case"),
                settings.intValue("relay.result.tags.max-count")));
    }

    public ProviderAnswer apply(ProviderAnswer answer) {
        return answer.withAltText(AltText.fit(answer.altText(), altTextMaxLength)).withTags(tags.apply(answer.tags()));
    }
}
