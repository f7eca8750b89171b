package io.captionrelay.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.captionrelay.provider.openai.OpenAiStubs.body;
import static io.captionrelay.provider.openai.OpenAiStubs.completion;
import static io.captionrelay.provider.openai.OpenAiStubs.dataUriBytes;
import static io.captionrelay.provider.openai.OpenAiStubs.harness;
import static io.captionrelay.provider.openai.OpenAiStubs.sent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What an OpenAI-compatible server receives: method, path, headers and the exact JSON shape. */
class OpenAiRequestContractTest {

    private ProviderHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** Starts the harness with the settings and a stub that answers every request with a completion. */
    private LoggedRequest sendOne(Map<String, String> settings, byte[] image) throws Exception {
        harness = harness(settings);
        harness.stub.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(completion("A title\n\nA description."))));
        harness.describe(image);
        List<LoggedRequest> requests = sent(harness);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    @Test
    void should_post_model_prompt_and_the_original_jpeg_as_a_data_uri_with_the_bearer_key() throws Exception {
        byte[] jpeg = TestImages.jpeg(40, 30, Color.BLUE);

        LoggedRequest request = sendOne(Map.of("structured", "off"), jpeg);

        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + ProviderHarness.KEY);
        assertThat(request.getHeader("Content-Type").split(";")[0].strip()).isEqualTo("application/json");
        assertThat(request.getHeaders().keys()).noneMatch(h -> h.startsWith("Camel") || h.startsWith("CaptionRelay"));

        JsonNode body = body(request);
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        JsonNode messages = body.path("messages");
        assertThat(messages.size()).as("no system message unless configured").isEqualTo(1);
        assertThat(messages.path(0).path("role").asText()).isEqualTo("user");
        JsonNode content = messages.path(0).path("content");
        assertThat(content.size()).isEqualTo(2);
        assertThat(content.path(0).path("type").asText()).isEqualTo("text");
        assertThat(content.path(0).path("text").asText()).isEqualTo(OpenAiOptions.DEFAULT_PROMPT);
        assertThat(content.path(1).path("type").asText()).isEqualTo("image_url");
        String url = content.path(1).path("image_url").path("url").asText();
        assertThat(url).startsWith("data:image/jpeg;base64,");
        assertThat(dataUriBytes(url)).as("a compliant JPEG goes byte for byte").isEqualTo(jpeg);
        assertThat(content.path(1).path("image_url").has("detail")).isFalse();
        assertThat(body.path("max_tokens").isIntegralNumber()).isTrue();
        assertThat(body.path("max_tokens").asLong()).isEqualTo(500);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.has("temperature")).as("temperature only when configured").isFalse();
        assertThat(body.has("response_format")).as("structured=off sends no schema").isFalse();
        assertThat(body.path("stream").isBoolean()).isTrue();
        assertThat(body.path("stream").asBoolean()).isFalse();
    }

    @Test
    void should_send_no_authorization_header_at_all_when_no_key_is_configured() throws Exception {
        LoggedRequest request = sendOne(Map.of("api-key", ""), TestImages.jpeg(20, 20, Color.RED));

        assertThat(request.containsHeader("Authorization")).isFalse();
        assertThat(request.getHeaders().all()).noneMatch(h -> h.values().stream().anyMatch(v -> v.contains(ProviderHarness.KEY)));
        assertThat(request.getUrl()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void should_send_the_system_message_first_when_configured() throws Exception {
        LoggedRequest request = sendOne(Map.of("system-prompt", "You caption photos for a museum archive."),
                TestImages.jpeg(20, 20, Color.RED));

        JsonNode messages = body(request).path("messages");
        assertThat(messages.size()).isEqualTo(2);
        assertThat(messages.path(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.path(0).path("content").asText()).isEqualTo("You caption photos for a museum archive.");
        assertThat(messages.path(1).path("role").asText()).isEqualTo("user");
        assertThat(messages.path(1).path("content").path(0).path("type").asText()).isEqualTo("text");
        assertThat(messages.path(1).path("content").path(1).path("type").asText()).isEqualTo("image_url");
    }

    @Test
    void should_send_the_configured_prompt_language_max_tokens_temperature_and_detail() throws Exception {
        LoggedRequest request = sendOne(Map.of("prompt", "Say what is in the picture.", "language", "fr",
                "max-tokens", "123", "temperature", "0.2", "detail", "low", "structured", "off"), TestImages.jpeg(20, 20, Color.RED));

        JsonNode body = body(request);
        JsonNode content = body.path("messages").path(0).path("content");
        assertThat(content.path(0).path("text").asText()).isEqualTo("Say what is in the picture. Write the answer in French.");
        assertThat(content.path(1).path("image_url").path("detail").asText()).isEqualTo("low");
        assertThat(body.path("max_tokens").asLong()).isEqualTo(123);
        assertThat(body.path("temperature").isNumber()).isTrue();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void should_name_the_token_limit_max_completion_tokens_when_configured() throws Exception {
        LoggedRequest request = sendOne(Map.of("max-tokens-field", "max_completion_tokens", "max-tokens", "2000"),
                TestImages.jpeg(20, 20, Color.RED));

        JsonNode body = body(request);
        assertThat(body.path("max_completion_tokens").asLong()).isEqualTo(2000);
        assertThat(body.has("max_tokens")).isFalse();
    }

    @Test
    void should_convert_a_tiff_to_an_accepted_format_before_sending() throws Exception {
        byte[] tiff = TestImages.write(TestImages.picture(64, 48), "tiff");
        assertThat(ImageFormat.sniff(tiff)).contains(ImageFormat.TIFF);

        LoggedRequest request = sendOne(Map.of(), tiff);

        byte[] sentBytes = dataUriBytes(body(request).path("messages").path(0).path("content").path(1).path("image_url").path("url").asText());
        assertThat(ImageFormat.sniff(sentBytes).get()).isIn(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF, ImageFormat.WEBP);
    }

    static Stream<Arguments> acceptedFormats() {
        return Stream.of(
                Arguments.of("png", TestImages.png(30, 20, Color.GREEN), "data:image/png;base64,"),
                Arguments.of("gif", TestImages.write(TestImages.solid(30, 20, Color.YELLOW), "gif"), "data:image/gif;base64,"),
                Arguments.of("webp", TestImages.WEBP_1X1, "data:image/webp;base64,"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedFormats")
    void should_send_png_gif_and_webp_as_they_are(String name, byte[] image, String prefix) throws Exception {
        LoggedRequest request = sendOne(Map.of(), image);

        String url = body(request).path("messages").path(0).path("content").path(1).path("image_url").path("url").asText();
        assertThat(url).startsWith(prefix);
        assertThat(dataUriBytes(url)).isEqualTo(image);
    }

    @Test
    void should_convert_formats_the_server_does_not_take_when_formats_is_narrowed() throws Exception {
        LoggedRequest request = sendOne(Map.of("formats", "jpeg,png"), TestImages.losslessWebp(16, 8, 0xFFFF0000, 0xFF0000FF));

        byte[] sentBytes = dataUriBytes(body(request).path("messages").path(0).path("content").path(1).path("image_url").path("url").asText());
        assertThat(ImageFormat.sniff(sentBytes).get()).isIn(ImageFormat.JPEG, ImageFormat.PNG);
    }

    @Test
    void should_shrink_images_to_max_bytes() throws Exception {
        byte[] big = TestImages.jpeg(TestImages.grainyPicture(600, 400, 7), 0.95f);
        assertThat(big.length).isGreaterThan(40_000);

        LoggedRequest request = sendOne(Map.of("max-bytes", "20000"), big);

        byte[] sentBytes = dataUriBytes(body(request).path("messages").path(0).path("content").path(1).path("image_url").path("url").asText());
        assertThat(sentBytes.length).isLessThanOrEqualTo(20_000);
        assertThat(ImageFormat.sniff(sentBytes)).contains(ImageFormat.JPEG);
    }

    @Test
    void should_send_the_public_image_url_when_image_form_is_url() throws Exception {
        byte[] jpeg = TestImages.jpeg(20, 20, Color.RED);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg));

        LoggedRequest request = sendOne(Map.of("image-form", "url"), jpeg);

        String url = body(request).path("messages").path(0).path("content").path(1).path("image_url").path("url").asText();
        assertThat(url).isEqualTo(harness.baseUrl() + "/media/" + sha + ".jpg");
    }

    @Test
    void should_post_to_a_gateway_path_with_the_key_in_the_configured_header() throws Exception {
        String path = "/openai/deployments/vision/chat/completions?api-version=2024-10-21";

        LoggedRequest request = sendOne(Map.of("path", path, "key-header", "api-key"), TestImages.jpeg(20, 20, Color.RED));

        assertThat(request.getUrl()).isEqualTo(path);
        assertThat(request.getHeader("api-key")).isEqualTo(ProviderHarness.KEY);
        assertThat(request.containsHeader("Authorization")).isFalse();
    }
}
