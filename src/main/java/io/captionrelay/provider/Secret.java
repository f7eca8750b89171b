package io.captionrelay.provider;

/**
 * An API key or other secret. It prints as {@code ****} everywhere (logs, error records, toString of
 * anything that holds it); only the HTTP request shaping calls {@link #reveal()}.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a secret cannot be empty");
        }
        this.value = value.strip();
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
