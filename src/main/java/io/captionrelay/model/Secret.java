package io.captionrelay.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An API key or other secret. It prints as {@code ****} everywhere (logs, error records, toString of
 * anything that holds it); only the HTTP request shaping calls {@link #reveal()}.
 *
 * <p>Every secret made in this JVM is remembered so that {@link #scrub} can take it out of any text: providers
 * quote keys back in their error answers (whole, or truncated like {@code sk-...abcd}), and such text reaches
 * logs and reason records. {@link #scrub} replaces the key's characters and nothing else ({@link KeyMask}).
 * Values shorter than {@value KeyMask#RUN} characters are no real keys (test values like {@code "same"}) and
 * would mask ordinary words: they are not remembered.
 */
public final class Secret {

    private static final Map<String, KeyMask> KNOWN = new ConcurrentHashMap<>();

    private final String value;

    public Secret(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a secret cannot be empty");
        }
        this.value = value.strip();
        if (this.value.length() >= KeyMask.RUN) {
            KNOWN.computeIfAbsent(this.value, KeyMask::new);
        }
    }

    public String reveal() {
        return value;
    }

    /** The text with every secret made in this JVM masked, whole or quoted in part. */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (KeyMask key : KNOWN.values()) {
            masked = key.mask(masked);
        }
        return masked;
    }

    @Override
    public String toString() {
        return "****";
    }
}
