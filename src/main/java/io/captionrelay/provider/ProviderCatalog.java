package io.captionrelay.provider;

import io.captionrelay.pipeline.ProviderTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The providers CaptionRelay knows and their default operation, and the reading of
 * {@code relay.providers} into the provider tasks run on every image.
 */
public final class ProviderCatalog {

    /** provider name → its default operation. */
    private static final Map<String, String> OPERATIONS = Map.of("local", "describe");

    private ProviderCatalog() {
    }

    /**
     * One task per name in {@code relay.providers}; each may set {@code relay.provider.<name>.prompt}
     * and {@code relay.provider.<name>.language}.
     */
    public static List<ProviderTask> tasks(List<String> names, Function<String, Optional<String>> setting) {
        if (names.isEmpty()) {
            throw new IllegalStateException("relay.providers names no provider; known: " + OPERATIONS.keySet());
        }
        return names.stream().map(name -> {
            String operation = OPERATIONS.get(name);
            if (operation == null) {
                throw new IllegalStateException("unknown provider '" + name + "' in relay.providers; known: " + OPERATIONS.keySet());
            }
            String prefix = "relay.provider." + name + ".";
            return new ProviderTask(name, name, operation,
                    setting.apply(prefix + "prompt").orElse(null),
                    setting.apply(prefix + "language").orElse(""));
        }).toList();
    }
}
