package io.captionrelay.provider;

import io.captionrelay.model.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configuration of one provider task, read from {@code relay.provider.<task id>.<key>} and, when
 * that is not set, from {@code relay.provider.<provider>.<key>}: so both imagedescriber tasks
 * ({@code imagedescriber}, {@code imagedescriber-tags}) share one base URL and key.
 */
public final class ProviderSettings {

    private final String id;
    private final String provider;
    private final Function<String, Optional<String>> lookup;

    public ProviderSettings(String id, String provider, Function<String, Optional<String>> lookup) {
        this.id = id;
        this.provider = provider;
        this.lookup = lookup;
    }

    public String id() {
        return id;
    }

    public String provider() {
        return provider;
    }

    public Optional<String> optional(String key) {
        return lookup.apply("relay.provider." + id + "." + key)
                .or(() -> lookup.apply("relay.provider." + provider + "." + key))
                .map(String::strip)
                .filter(v -> !v.isEmpty());
    }

    /** A setting outside the provider's own keys, e.g. {@code relay.result.alt-text.max-length}. */
    public Optional<String> relaySetting(String fullKey) {
        return lookup.apply(fullKey).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String string(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        return optional(key).map(Boolean::parseBoolean).orElse(fallback);
    }

    public long longValue(String key, long fallback) {
        return optional(key).map(v -> Long.parseLong(v.replace("_", ""))).orElse(fallback);
    }

    /** Milliseconds. */
    public Duration millis(String key, long fallbackMillis) {
        return Duration.ofMillis(longValue(key, fallbackMillis));
    }

    public URI baseUrl(String fallback) {
        String value = string("base-url", fallback);
        return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }

    /**
     * The provider's API keys: {@code api-key} (several separated by commas) or {@code api-key-file}
     * (one key per line). Empty when none is configured.
     */
    public List<Secret> keys() {
        Optional<String> inline = optional("api-key");
        if (inline.isPresent()) {
            return split(inline.get(), ",");
        }
        return optional("api-key-file").map(file -> {
            try {
                return split(Files.readString(Path.of(file)), "\\R");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the key file of provider " + id + ": " + file, e);
            }
        }).orElse(List.of());
    }

    private static List<Secret> split(String value, String separator) {
        return Arrays.stream(value.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).map(Secret::new).toList();
    }
}
