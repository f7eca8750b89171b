package io.captionrelay.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFormTest {

    private static ProviderSettings form(String value) {
        return new ProviderSettings("openai", "openai",
                key -> key.equals("relay.provider.openai.image-form") ? Optional.ofNullable(value) : Optional.empty());
    }

    @ParameterizedTest
    @CsvSource({"data, INLINE", "data-uri, INLINE", "file, INLINE", "DATA-URI, INLINE", "url, URL", "' URL ', URL"})
    void should_read_every_value_any_provider_ever_took(String value, ImageForm expected) {
        assertThat(ImageForm.of(form(value))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"openai", "memories", "imagedescriber"})
    void should_send_the_image_inline_when_unset(String provider) {
        assertThat(ImageForm.of(new ProviderSettings(provider, provider, key -> Optional.empty()))).isEqualTo(ImageForm.INLINE);
    }

    @ParameterizedTest
    @CsvSource({"base64", "multipart", "link"})
    void should_refuse_anything_else_naming_the_key_and_the_value(String value) {
        assertThatThrownBy(() -> ImageForm.of(form(value))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relay.provider.openai.image-form must be data or url").hasMessageContaining(value);
    }
}
