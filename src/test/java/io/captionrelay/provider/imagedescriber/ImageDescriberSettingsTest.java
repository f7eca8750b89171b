package io.captionrelay.provider.imagedescriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.Secret;
import io.captionrelay.provider.HttpCall;
import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.ProviderSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration read when the adapters are built, and the reading of answers without Camel. */
class ImageDescriberSettingsTest {

    /** Settings as application.properties would give them: full keys. */
    private static ProviderSettings settings(String taskId, Map<String, String> properties) {
        Map<String, String> copy = new HashMap<>(properties);
        return new ProviderSettings(taskId, "imagedescriber", key -> Optional.ofNullable(copy.get(key)));
    }

    private static ProviderSettings content(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put("relay.provider.imagedescriber." + keyValues[i], keyValues[i + 1]);
        }
        return settings("imagedescriber", properties);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh", "fr", "de", "es", "ja", "ko"})
    void should_accept_each_documented_language(String language) {
        assertThat(new ImageDescriberContentAdapter(content("language", language))).isNotNull();
        assertThat(new ImageDescriberTagsAdapter(content("language", language))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"it", "EN", "en-US", "english", "pt"})
    void should_refuse_any_other_language_at_construction(String language) {
        assertThatThrownBy(() -> new ImageDescriberContentAdapter(content("language", language)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relay.provider.imagedescriber.language")
                .hasMessageContaining("'" + language + "'")
                .hasMessageContaining("en, zh, fr, de, es, ja, ko");
        assertThatThrownBy(() -> new ImageDescriberTagsAdapter(content("language", language)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_refuse_an_unknown_image_form() {
        assertThatThrownBy(() -> new ImageDescriberContentAdapter(content("image-form", "base64")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data-uri").hasMessageContaining("url");
    }

    @Test
    void should_want_an_image_url_only_for_generate_content_with_image_form_url() {
        assertThat(new ImageDescriberContentAdapter(content()).wantsImageUrl()).isFalse();
        assertThat(new ImageDescriberContentAdapter(content("image-form", "data-uri")).wantsImageUrl()).isFalse();
        assertThat(new ImageDescriberContentAdapter(content("image-form", "url")).wantsImageUrl()).isTrue();
        assertThat(new ImageDescriberTagsAdapter(settings("imagedescriber-tags",
                Map.of("relay.provider.imagedescriber.image-form", "url"))).wantsImageUrl()).isFalse();
    }

    @Test
    void should_take_jpeg_png_and_webp_up_to_4_000_000_bytes_without_gps_by_default() {
        var requirements = new ImageDescriberContentAdapter(content()).requirements();

        assertThat(requirements.formats()).isEqualTo(Set.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP));
        assertThat(requirements.maxBytes()).isEqualTo(4_000_000);
        assertThat(requirements.keepGps()).isFalse();
        assertThat(new ImageDescriberTagsAdapter(content()).requirements()).isEqualTo(requirements);
    }

    @Test
    void should_keep_gps_and_lower_the_limit_when_asked() {
        var requirements = new ImageDescriberContentAdapter(content("keep-gps", "true", "max-bytes", "3_000_000")).requirements();

        assertThat(requirements.keepGps()).isTrue();
        assertThat(requirements.maxBytes()).isEqualTo(3_000_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "4194305", "4MB"})
    void should_refuse_a_size_limit_beyond_4_mb(String maxBytes) {
        assertThatThrownBy(() -> new ImageDescriberContentAdapter(content("max-bytes", maxBytes)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-bytes");
    }

    @Test
    void should_let_the_tags_task_fall_back_to_the_provider_settings_and_override_them() {
        Map<String, String> properties = Map.of(
                "relay.provider.imagedescriber.language", "de",
                "relay.provider.imagedescriber.keep-gps", "true",
                "relay.provider.imagedescriber-tags.max-bytes", "2000000");
        var tags = new ImageDescriberTagsAdapter(settings("imagedescriber-tags", properties));

        assertThat(tags.requirements().keepGps()).isTrue();
        assertThat(tags.requirements().maxBytes()).isEqualTo(2_000_000);
        assertThatThrownBy(() -> new ImageDescriberTagsAdapter(settings("imagedescriber-tags",
                Map.of("relay.provider.imagedescriber-tags.language", "xx")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relay.provider.imagedescriber-tags.language");
    }

    @Test
    void should_shape_the_request_without_camel() throws Exception {
        PreparedImage image = new PreparedImage(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1}, ImageFormat.JPEG, 1, 1, true);
        HttpCall call = new ImageDescriberContentAdapter(content("language", "ko", "prompt", "Qu'est-ce que c'est ?"))
                .request(image, null, new Secret("k-1"));

        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/api/v1/generate_content");
        assertThat(call.contentType()).isEqualTo("application/json");
        assertThat(call.headers()).isEqualTo(Map.of("authorization", "Bearer k-1"));
        assertThat(call.body()).isEqualTo("{\"image\":\"data:image/jpeg;base64,/9j/AQ==\",\"prompt\":\"Qu'est-ce que c'est ?\",\"lang\":\"ko\"}");
        assertThat(call.toString()).doesNotContain("k-1");
    }

    @Test
    void should_carry_the_retry_after_of_a_1004_answer() {
        var adapter = new ImageDescriberTagsAdapter(content());
        RelayException limited = catchThrowableOfType(RelayException.class, () -> adapter.read(new HttpReply(429,
                "{\"code\":1004,\"message\":\"Too Many Requests\"}", Map.of("retry-after", "7"))));
        RelayException unsaid = catchThrowableOfType(RelayException.class, () -> adapter.read(new HttpReply(200,
                "{\"code\":1004,\"message\":\"Too Many Requests\"}", Map.of())));

        assertThat(limited.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(unsaid.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(unsaid.retryAfter()).isEmpty();
    }

    @Test
    void should_read_credit_figures_as_numbers_when_they_are_numbers() {
        var mapper = ImageDescriberStubs.MAPPER;
        assertThat(ImageDescriberTagsAdapter.number(mapper.getNodeFactory().textNode("12"))).contains(12L);
        assertThat(ImageDescriberTagsAdapter.number(mapper.getNodeFactory().textNode(" 1.0 "))).contains(1L);
        assertThat(ImageDescriberTagsAdapter.number(mapper.getNodeFactory().numberNode(3))).contains(3L);
        assertThat(ImageDescriberTagsAdapter.number(mapper.getNodeFactory().textNode("2.75")))
                .contains(new java.math.BigDecimal("2.75"));
        assertThat(ImageDescriberTagsAdapter.number(mapper.getNodeFactory().textNode("n/a"))).contains("n/a");
        assertThat(ImageDescriberTagsAdapter.number(mapper.getNodeFactory().textNode(""))).isEmpty();
        assertThat(ImageDescriberTagsAdapter.number(mapper.getNodeFactory().nullNode())).isEmpty();
        assertThat(ImageDescriberTagsAdapter.number(null)).isEmpty();
    }
}
