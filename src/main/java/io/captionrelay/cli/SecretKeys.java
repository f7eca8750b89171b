package io.captionrelay.cli;

import java.util.Locale;
import java.util.Set;

/**
 * Which configuration values are secrets, by the words of their key: {@code api-key}, {@code signing-key},
 * {@code secret-key}, {@code password}, {@code sasl-jaas-config} ... (a provider's {@code api-key} is what
 * {@code ProviderSettings#keys()} wraps as a {@code Secret}). Their values print as {@code ****}.
 */
final class SecretKeys {

    private static final Set<String> SECRET_WORDS = Set.of("key", "token", "password", "secret", "jaas", "credentials");
    static final String MASK = "****";

    private SecretKeys() {
    }

    static boolean isSecret(String key) {
        for (String word : key.toLowerCase(Locale.ROOT).split("[._-]")) {
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The value as {@code config check} prints it: masked when the key is a secret and the value is not empty. */
    static String shown(String key, String value) {
        return isSecret(key) && !value.isEmpty() ? MASK : value;
    }
}
