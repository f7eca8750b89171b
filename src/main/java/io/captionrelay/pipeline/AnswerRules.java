package io.captionrelay.pipeline;

import io.captionrelay.model.AltText;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.settings.Settings;

/**
 * The rules every provider's answer meets before it becomes the canonical result, whatever the provider:
 * alt text on one line within {@code relay.result.alt-text.max-length} characters, cut at a word boundary.
 */
public final class AnswerRules {

    private final int altTextMaxLength;

    public AnswerRules(int altTextMaxLength) {
        if (altTextMaxLength < 10) {
            throw new IllegalArgumentException("relay.result.alt-text.max-length must be at least 10: " + altTextMaxLength);
        }
        this.altTextMaxLength = altTextMaxLength;
    }

    public static AnswerRules from(Settings settings) {
        return new AnswerRules(settings.intValue("relay.result.alt-text.max-length"));
    }

    public ProviderAnswer apply(ProviderAnswer answer) {
        return answer.withAltText(AltText.fit(answer.altText(), altTextMaxLength));
    }
}
