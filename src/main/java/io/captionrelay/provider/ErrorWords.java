package io.captionrelay.provider;

import io.captionrelay.failure.ErrorClass;
import java.util.List;
import java.util.Locale;

/**
 * The error class of an error answer that no status tells (an HTTP 200 saying "error"), read from the words
 * of its message, lower-cased; first match wins, in this order: rate-limited (so that "rate limit exceeded,
 * check your quota" waits instead of stopping the provider), out-of-credit, auth, transient; anything else is
 * bad input. Each provider gives the words its documents and answers use.
 */
public record ErrorWords(List<String> rateLimited, List<String> outOfCredit, List<String> auth, List<String> transientWords) {

    public ErrorClass classify(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        if (containsAny(text, rateLimited)) {
            return ErrorClass.RATE_LIMITED;
        }
        if (containsAny(text, outOfCredit)) {
            return ErrorClass.OUT_OF_CREDIT;
        }
        if (containsAny(text, auth)) {
            return ErrorClass.AUTH;
        }
        if (containsAny(text, transientWords)) {
            return ErrorClass.TRANSIENT;
        }
        return ErrorClass.BAD_INPUT;
    }

    private static boolean containsAny(String text, List<String> words) {
        return words.stream().anyMatch(text::contains);
    }
}
