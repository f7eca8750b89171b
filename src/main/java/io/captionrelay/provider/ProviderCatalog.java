package io.captionrelay.provider;

import io.captionrelay.model.ProviderTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.apache.camel.RoutesBuilder;

/**
 * The provider tasks CaptionRelay knows, by the name used in {@code relay.providers}: which provider
 * and operation each is, and how its routes are built. They come from the {@link ProviderPlugin}s on the
 * class path (found with {@link ServiceLoader}); this class names no provider.
 */
public final class ProviderCatalog {

    /** One known task: its provider, its operation, and the routes that serve {@code direct:provider-<id>}. */
    public record Entry(String id, String provider, String operation, boolean remote, boolean takesPrompt,
                        Function<ProviderContext, RoutesBuilder> routes) {

        public Entry(String id, String provider, String operation, boolean remote, Function<ProviderContext, RoutesBuilder> routes) {
            this(id, provider, operation, remote, true, routes);
        }

        /** For operations that send no prompt: a provider-level prompt must not be recorded for them. */
        public Entry withoutPrompt() {
            return new Entry(id, provider, operation, remote, false, routes);
        }

        /** A remote task served by {@link HttpProviderRoutes} around an adapter. */
        public static Entry http(String id, String provider, String operation,
                          Function<ProviderSettings, HttpProviderAdapter> adapter) {
            return new Entry(id, provider, operation, true, context -> new HttpProviderRoutes(
                    adapter.apply(context.settings()), context.settings(), context.preparation(), context.urls(),
                    context.circuits(), context.retry(), context.gate(), context.metrics(), context.budget()));
        }
    }

    private static final Map<String, ProviderPlugin> PLUGINS = new LinkedHashMap<>();
    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        for (ProviderPlugin plugin : ServiceLoader.load(ProviderPlugin.class, ProviderCatalog.class.getClassLoader())) {
            if (PLUGINS.putIfAbsent(plugin.name(), plugin) != null) {
                throw new IllegalStateException("two provider plug-ins are named " + plugin.name());
            }
            for (Entry entry : plugin.tasks()) {
                if (!entry.provider().equals(plugin.name()) || ENTRIES.putIfAbsent(entry.id(), entry) != null) {
                    throw new IllegalStateException("provider plug-in " + plugin.name() + " declares task " + entry.id()
                            + " twice or under another provider");
                }
            }
        }
    }

    private ProviderCatalog() {
    }

    /** The provider plug-ins found, by provider name. */
    public static List<ProviderPlugin> plugins() {
        return List.copyOf(PLUGINS.values());
    }

    public static Optional<ProviderPlugin> plugin(String provider) {
        return Optional.ofNullable(PLUGINS.get(provider));
    }

    public static Optional<Entry> entry(String id) {
        return Optional.ofNullable(ENTRIES.get(id));
    }

    public static List<String> known() {
        return List.copyOf(ENTRIES.keySet());
    }

    /**
     * One task per name in {@code relay.providers}; each may set {@code relay.provider.<name>.prompt}
     * and {@code relay.provider.<name>.language} (falling back to the provider's own keys).
     */
    public static List<ProviderTask> tasks(List<String> names, Function<String, Optional<String>> setting) {
        if (names.isEmpty()) {
            throw new IllegalStateException("relay.providers names no provider; known: " + known());
        }
        return names.stream().map(name -> {
            Entry entry = entry(name).orElseThrow(() -> new IllegalStateException(
                    "unknown provider '" + name + "' in relay.providers; known: " + known()));
            ProviderSettings settings = new ProviderSettings(entry.id(), entry.provider(), setting);
            return new ProviderTask(entry.id(), entry.provider(), entry.operation(),
                    entry.takesPrompt() ? settings.optional("prompt").orElse(null) : null,
                    settings.optional("language").orElse(""));
        }).toList();
    }
}
