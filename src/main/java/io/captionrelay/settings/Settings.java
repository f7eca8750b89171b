package io.captionrelay.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed reads of configuration keys through Camel's properties component, so that every key can
 * come from {@code application.properties}, an external file or an environment variable
 * ({@code relay.inbox.dir} → {@code RELAY_INBOX_DIR}).
 */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(PropertiesComponent properties) {
        this.properties = properties;
    }

    public Optional<String> optional(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String string(String key) {
        return optional(key).orElseThrow(() -> new IllegalStateException(
                "missing configuration key '" + key + "' (see application.properties)"));
    }

    /** Like {@link #string} but the value may be empty (passwords of embedded databases). */
    public String stringOrEmpty(String key) {
        return properties.resolveProperty(key).orElse("");
    }

    public long longValue(String key) {
        String value = string(key).replace("_", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("configuration key '" + key + "' must be a whole number, not '" + value + "'");
        }
    }

    public int intValue(String key) {
        return Math.toIntExact(longValue(key));
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(string(key));
    }

    public List<String> list(String key) {
        return Arrays.stream(string(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
