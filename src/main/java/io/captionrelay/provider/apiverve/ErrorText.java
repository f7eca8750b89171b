package io.captionrelay.provider.apiverve;

import io.captionrelay.failure.ErrorClass;
import java.util.Locale;

/**
 * The error class of an APIVerve {@code status:"error"} answer that came with HTTP 200, where no status
 * tells it: from the words of its {@code error} message, first match wins (a rate limit before credit, so that
 * "rate limit exceeded, check your quota" waits instead of stopping the provider); anything else is bad input
 * (the answer's most common meaning, "invalid parameters"). Error statuses are classified by status.
 */
final class ErrorText {

    private ErrorText() {
    }

    static ErrorClass classify(String error) {
        String text = error.toLowerCase(Locale.ROOT);
        if (containsAny(text, "rate limit", "rate-limit", "ratelimit", "too many requests", "throttl")) {
            return ErrorClass.RATE_LIMITED;
        }
        if (containsAny(text, "credit", "quota", "billing", "subscription")) {
            return ErrorClass.OUT_OF_CREDIT;
        }
        if (containsAny(text, "api key", "api-key", "apikey", "x-api-key", "unauthori", "authenticat", "forbidden")) {
            return ErrorClass.AUTH;
        }
        if (containsAny(text, "internal", "server error", "unavailable", "timed out", "timeout")) {
            return ErrorClass.TRANSIENT;
        }
        return ErrorClass.BAD_INPUT;
    }

    private static boolean containsAny(String text, String... words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
