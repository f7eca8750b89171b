package io.captionrelay.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captionrelay.model.ImageFormat;
import io.captionrelay.provider.ProviderSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings are checked when the adapter is built: a wrong value stops start-up and names the key. */
class OpenAiOptionsTest {

    private static ProviderSettings settings(Map<String, String> values) {
        Map<String, String> all = new HashMap<>();
        values.forEach((k, v) -> all.put("relay.provider.openai." + k, v));
        return new ProviderSettings("openai", "openai", key -> Optional.ofNullable(all.get(key)));
    }

    @Test
    void should_refuse_to_start_without_a_model() {
        assertThatThrownBy(() -> new OpenAiCompatibleAdapter(settings(Map.of("api-key", "k"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relay.provider.openai.model is required");
    }

    @Test
    void should_default_to_the_documented_values() {
        OpenAiCompatibleAdapter adapter = new OpenAiCompatibleAdapter(settings(Map.of("model", "llava")));
        OpenAiOptions options = adapter.options();

        assertThat(options.path()).isEqualTo("/v1/chat/completions");
        assertThat(options.maxTokens()).isEqualTo(500);
        assertThat(options.maxTokensField()).isEqualTo("max_tokens");
        assertThat(options.temperature()).isEmpty();
        assertThat(options.systemPrompt()).isEmpty();
        assertThat(options.titleLine()).isTrue();
        assertThat(options.keyConfigured()).isFalse();
        assertThat(adapter.wantsImageUrl()).isFalse();
        assertThat(adapter.requiresKey()).isFalse();
        assertThat(adapter.requirements().formats())
                .containsExactlyInAnyOrder(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF, ImageFormat.WEBP);
        assertThat(adapter.requirements().maxBytes()).isEqualTo(20_000_000);
        assertThat(adapter.requirements().keepGps()).isFalse();
    }

    @Test
    void should_read_formats_size_gps_and_image_form() {
        OpenAiCompatibleAdapter adapter = new OpenAiCompatibleAdapter(settings(Map.of("model", "llava",
                "formats", "JPG, png", "max-bytes", "5_000_000", "keep-gps", "true", "image-form", "URL")));

        assertThat(adapter.requirements().formats()).containsExactlyInAnyOrder(ImageFormat.JPEG, ImageFormat.PNG);
        assertThat(adapter.requirements().maxBytes()).isEqualTo(5_000_000);
        assertThat(adapter.requirements().keepGps()).isTrue();
        assertThat(adapter.wantsImageUrl()).isTrue();
    }

    @Test
    void should_take_heic_and_avif_as_formats_for_servers_that_read_them() {
        OpenAiCompatibleAdapter adapter = new OpenAiCompatibleAdapter(settings(Map.of("model", "gemini",
                "formats", "jpeg,heif,avif")));

        assertThat(adapter.requirements().formats()).containsExactlyInAnyOrder(ImageFormat.JPEG, ImageFormat.HEIC, ImageFormat.AVIF);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "max-tokens, 0, relay.provider.openai.max-tokens must be positive",
            "max-tokens, lots, relay.provider.openai.max-tokens must be a whole number",
            "max-tokens-field, max_new_tokens, relay.provider.openai.max-tokens-field must be",
            "temperature, hot, relay.provider.openai.temperature must be a number from 0 to 2",
            "temperature, 3, relay.provider.openai.temperature must be a number from 0 to 2",
            "detail, ultra, relay.provider.openai.detail must be low, high or auto",
            "image-form, multipart, relay.provider.openai.image-form must be data or url",
            "formats, jpeg;tiff, relay.provider.openai.formats names an unknown format",
            "formats, jxl, relay.provider.openai.formats names an unknown format",
            "path, v1/chat/completions, relay.provider.openai.path must start with '/'",
            "key-header, 'api key', relay.provider.openai.key-header is not a header name",
            "title-line, yes, relay.provider.openai.title-line must be true or false",
            "max-bytes, -1, relay.provider.openai.max-bytes must be positive",
    })
    void should_name_the_key_of_a_value_that_cannot_work(String key, String value, String message) {
        assertThatThrownBy(() -> new OpenAiCompatibleAdapter(settings(Map.of("model", "m", key, value))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void should_ask_for_the_answer_language_by_name() {
        assertThat(OpenAiOptions.languageName("de")).isEqualTo("German");
        assertThat(OpenAiOptions.languageName("ja")).isEqualTo("Japanese");
        assertThat(OpenAiOptions.languageName("qq")).isEqualTo("qq");
    }
}
