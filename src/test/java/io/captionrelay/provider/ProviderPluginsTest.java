package io.captionrelay.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProviderPluginsTest {

    @Test
    void should_find_every_provider_through_the_service_loader() {
        List<String> found = ServiceLoader.load(ProviderPlugin.class).stream().map(p -> p.get().name()).toList();

        assertThat(found).containsExactlyInAnyOrder("local", "imagedescriber", "imaginepro", "apiverve", "memories", "openai");
        assertThat(ProviderCatalog.known()).containsExactly("local", "imagedescriber", "imagedescriber-tags", "imaginepro",
                "apiverve", "memories", "openai");
    }

    @Test
    void should_keep_each_task_s_provider_operation_and_prompt_rule() {
        assertThat(ProviderCatalog.entry("imagedescriber-tags").orElseThrow())
                .extracting(ProviderCatalog.Entry::provider, ProviderCatalog.Entry::operation,
                        ProviderCatalog.Entry::remote, ProviderCatalog.Entry::takesPrompt)
                .containsExactly("imagedescriber", "generate_tags", true, false);
        assertThat(ProviderCatalog.entry("local").orElseThrow().remote()).isFalse();
        assertThat(ProviderCatalog.entry("imaginepro").orElseThrow().operation()).isEqualTo("describe");
        assertThat(ProviderCatalog.entry("openai").orElseThrow().operation()).isEqualTo("chat_completions");
    }

    @Test
    void should_declare_each_setting_once_and_mark_the_key_secret() {
        for (ProviderPlugin plugin : ProviderCatalog.plugins()) {
            List<String> keys = plugin.settings().stream().map(SettingDeclaration::key).toList();
            assertThat(keys).as(plugin.name()).doesNotHaveDuplicates();
            assertThat(plugin.settings()).as(plugin.name()).allSatisfy(s -> {
                assertThat(s.description()).isNotBlank();
                assertThat(s.secret()).isEqualTo(s.key().equals("api-key"));
            });
        }
    }
}
