package io.captionrelay.provider;

import io.captionrelay.model.ProviderTask;
import io.captionrelay.provider.apiverve.ApiVerveAdapter;
import io.captionrelay.provider.imagedescriber.ImageDescriberContentAdapter;
import io.captionrelay.provider.imagedescriber.ImageDescriberTagsAdapter;
import io.captionrelay.provider.imaginepro.ImagineProRoutes;
import io.captionrelay.provider.local.LocalImageAnalyser;
import io.captionrelay.provider.local.LocalProviderRoute;
import io.captionrelay.provider.memories.MemoriesAdapter;
import io.captionrelay.provider.openai.OpenAiCompatibleAdapter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.RoutesBuilder;

/**
 * The provider tasks CaptionRelay knows, by the name used in {@code relay.providers}: which provider
 * and operation each is, and how its routes are built.
 */
public final class ProviderCatalog {

    /** One known task: its provider, its operation, and the routes that serve {@code direct:provider-<id>}. */
    public record Entry(String id, String provider, String operation, boolean remote, boolean takesPrompt,
                        Function<ProviderContext, RoutesBuilder> routes) {

        public Entry(String id, String provider, String operation, boolean remote, Function<ProviderContext, RoutesBuilder> routes) {
            this(id, provider, operation, remote, true, routes);
        }

        /** For operations that send no prompt: a provider-level prompt must not be recorded for them. */
        Entry withoutPrompt() {
            return new Entry(id, provider, operation, remote, false, routes);
        }

        /** A remote task served by {@link HttpProviderRoutes} around an adapter. */
        static Entry http(String id, String provider, String operation,
                          Function<ProviderSettings, HttpProviderAdapter> adapter) {
            return new Entry(id, provider, operation, true, context -> new HttpProviderRoutes(
                    adapter.apply(context.settings()), context.settings(), context.preparation(), context.urls(),
                    context.circuits(), context.retry(), context.gate(), context.metrics()));
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add(new Entry("local", "local", "describe", false, context -> new LocalProviderRoute(
                new LocalImageAnalyser((int) context.settings().longValue("sample-edge", 256)))));
        add(Entry.http("imagedescriber", "imagedescriber", "generate_content", ImageDescriberContentAdapter::new));
        add(Entry.http("imagedescriber-tags", "imagedescriber", "generate_tags", ImageDescriberTagsAdapter::new)
                .withoutPrompt());
        add(new Entry("imaginepro", "imaginepro", "describe", true, ImagineProRoutes::new));
        add(Entry.http("apiverve", "apiverve", "imagecaption", ApiVerveAdapter::new));
        add(Entry.http("memories", "memories", "uploadImg", MemoriesAdapter::new));
        add(Entry.http("openai", "openai", "chat_completions", OpenAiCompatibleAdapter::new));
    }

    private ProviderCatalog() {
    }

    private static void add(Entry entry) {
        ENTRIES.put(entry.id(), entry);
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
