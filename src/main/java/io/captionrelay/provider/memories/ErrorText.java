package io.captionrelay.provider.memories;

import io.captionrelay.failure.ErrorClass;
import java.util.Locale;

/**
 * The error class of a memories.ai {@code code:-1} answer that came with HTTP 200, where no status tells
 * it: memories.ai documents only "-1 for failure" and a {@code msg}, so the class is read from the words
 * of the {@code msg}, first match wins (a rate limit before credit, so that a limit never stops the
 * provider); anything else is bad input. Error statuses are classified by status.
 */
final class ErrorText {

    private ErrorText() {
    }

    static ErrorClass classify(String msg) {
        String text = msg.toLowerCase(Locale.ROOT);
        if (containsAny(text, "rate limit", "rate-limit", "ratelimit", "too many requests", "too frequent", "throttl")) {
            return ErrorClass.RATE_LIMITED;
        }
        if (containsAny(text, "credit", "balance", "quota", "billing", "arrears")) {
            return ErrorClass.OUT_OF_CREDIT;
        }
        if (containsAny(text, "api key", "api-key", "apikey", "unauthori", "authenticat", "authorization", "forbidden")) {
            return ErrorClass.AUTH;
        }
        if (containsAny(text, "internal", "server error", "unavailable", "timed out", "timeout", "busy")) {
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
