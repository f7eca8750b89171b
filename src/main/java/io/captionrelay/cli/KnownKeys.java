package io.captionrelay.cli;

import io.captionrelay.provider.ProviderCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The {@code relay.*} keys CaptionRelay reads: every key of {@code application.properties}, set or commented
 * out ({@code # relay.x.y = ...}), and for every provider task each setting its provider plug-in declares
 * ({@link io.captionrelay.provider.ProviderPlugin#settings()}), under the task id and the provider name ({@code relay.provider.imagedescriber-tags.language} falls back to
 * {@code relay.provider.imagedescriber.language}).
 */
public final class KnownKeys {

    /** Settings read for every provider task by the core (quota gate, HTTP component, prompt and language). */
    static final List<String> COMMON_PROVIDER_SETTINGS = List.of("api-key", "api-key-file", "base-url", "quota",
            "max-in-flight", "connect-timeout", "response-timeout", "prompt", "language");
    /** Read by logback from the environment (or a system property of that name), before any configuration. */
    static final String LOG_FORMAT_VARIABLE = "RELAY_LOG_FORMAT";

    private static final Pattern KEY_LINE = Pattern.compile("^(#\\s*)?((?:relay|camel)\\.[A-Za-z0-9._-]+)\\s*[=:]");
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private final Set<String> keys;
    private final List<String> declared;
    private final Set<String> camelKeysSet;
    private final Map<String, String> byEnvironmentName = new LinkedHashMap<>();

    private KnownKeys(Set<String> keys, List<String> declared, Set<String> camelKeysSet) {
        this.keys = keys;
        this.declared = declared;
        this.camelKeysSet = camelKeysSet;
        keys.forEach(key -> byEnvironmentName.put(environmentName(key), key));
    }

    /** The known keys, read from the {@code application.properties} on the class path and the provider catalog. */
    public static KnownKeys load() {
        try (InputStream in = KnownKeys.class.getClassLoader().getResourceAsStream("application.properties")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties from the class path", e);
        }
    }

    static KnownKeys parse(String applicationProperties) {
        Set<String> keys = new LinkedHashSet<>();
        Set<String> camel = new LinkedHashSet<>();
        for (String line : applicationProperties.split("\\R")) {
            Matcher m = KEY_LINE.matcher(line.strip());
            if (m.find()) {
                if (m.group(2).startsWith("relay.")) {
                    keys.add(m.group(2));
                } else if (m.group(1) == null) {
                    camel.add(m.group(2));
                }
            }
        }
        List<String> declared = List.copyOf(keys);
        for (String id : ProviderCatalog.known()) {
            ProviderCatalog.Entry entry = ProviderCatalog.entry(id).orElseThrow();
            Set<String> settings = new LinkedHashSet<>(COMMON_PROVIDER_SETTINGS);
            ProviderCatalog.plugin(entry.provider()).orElseThrow().settings().forEach(s -> settings.add(s.key()));
            for (String setting : settings) {
                keys.add("relay.provider." + id + "." + setting);
                keys.add("relay.provider." + entry.provider() + "." + setting);
            }
        }
        return new KnownKeys(keys, declared, camel);
    }

    public boolean isKnown(String key) {
        return keys.contains(key);
    }

    /** The key an environment variable sets ({@code RELAY_INBOX_DIR} → {@code relay.inbox.dir}), if it is a known one. */
    public Optional<String> forEnvironment(String name) {
        return Optional.ofNullable(byEnvironmentName.get(name));
    }

    /** Whether CaptionRelay reads this environment variable (a known key's, or the log format's). */
    public boolean isKnownEnvironmentName(String name) {
        return byEnvironmentName.containsKey(name) || LOG_FORMAT_VARIABLE.equals(name);
    }

    /** The known key closest to {@code key} by edit distance. */
    public String nearest(String key) {
        return closest(key, keys);
    }

    /** The known environment variable closest to {@code name} by edit distance. */
    public String nearestEnvironmentName(String name) {
        return closest(name, byEnvironmentName.keySet());
    }

    /** The {@code relay.*} keys of {@code application.properties}, set or commented out, in its order. */
    public List<String> declared() {
        return declared;
    }

    /** The {@code camel.*} keys {@code application.properties} sets. */
    public Set<String> camelKeys() {
        return camelKeysSet;
    }

    /** How Camel spells a key as an environment variable: upper case, dots and dashes as underscores. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String closest(String word, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = DISTANCE.apply(word, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }
}
