package io.captionrelay.provider.memories;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.provider.ProviderSettings;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What reaches memories.ai (docs/providers/memories.md) in both forms, through the real routes, camel-http and preparation. */
class MemoriesContractTest {

    static final String OK = "{\"code\":0,\"msg\":\"success\",\"data\":{\"text\":\"A blue square. Nothing else is visible.\","
            + "\"token\":{\"input\":273,\"output\":79,\"total\":352}}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderHarness harness;

    private ProviderHarness start(Map<String, String> settings) throws Exception {
        harness = new ProviderHarness(new ProviderTask("memories", "memories", "uploadImg", null, ""),
                MemoriesAdapter::new, settings, ProviderHarness.realPreparation());
        harness.stub.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404).withBody("no such stub")));
        harness.stub.stubFor(post(urlPathEqualTo("/v1/understand/uploadImg")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(OK)));
        return harness;
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void should_post_a_req_part_and_the_jpeg_byte_for_byte_as_the_file_part_with_the_bare_key() throws Exception {
        byte[] jpeg = TestImages.jpeg(64, 48, Color.BLUE);

        ProviderAnswer answer = start(Map.of()).describe(jpeg);

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getUrl()).isEqualTo("/v1/understand/uploadImg");
        assertThat(sent.getHeader("Authorization")).isEqualTo(ProviderHarness.KEY);
        assertThat(sent.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(sent.getAllHeaderKeys()).noneMatch(h -> h.startsWith("Camel") || h.startsWith("CaptionRelay")
                || h.equalsIgnoreCase("X-API-Key"));
        assertThat(sent.getParts()).extracting(Request.Part::getName).containsExactly("req", "file");

        Request.Part req = sent.getPart("req");
        assertThat(req.getFileName()).isEqualTo("req.json");
        assertThat(req.getHeader("Content-Type").firstValue()).isEqualTo("application/json");
        assertThat(JSON.readTree(req.getBody().asBytes())).isEqualTo(JSON.readTree(
                "{\"user_prompt\":\"Describe this image.\",\"system_prompt\":\"You are an image understanding system.\","
                        + "\"thinking\":false}"));

        Request.Part file = sent.getPart("file");
        assertThat(file.getFileName()).isEqualTo("image.jpg");
        assertThat(file.getHeader("Content-Type").firstValue()).isEqualTo("image/jpeg");
        assertThat(file.getBody().asBytes()).isEqualTo(jpeg);
        for (Request.Part part : List.of(req, file)) {
            assertThat(part.getHeaders().keys()).map(h -> h.toLowerCase(Locale.ROOT))
                    .containsExactlyInAnyOrder("content-disposition", "content-type");
        }

        assertThat(answer.description()).isEqualTo("A blue square. Nothing else is visible.");
        assertThat(answer.altText()).isEqualTo("A blue square.");
        assertThat(answer.caption()).isNull();
        assertThat(answer.title()).isNull();
        assertThat(answer.tags()).isEmpty();
        assertThat(answer.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("inputTokens", 273L, "outputTokens", 79L, "totalTokens", 352L));
        assertThat(answer.providerRequestId()).isNull();
        assertThat(answer.raw()).isEqualTo(JSON.readTree(OK));
    }

    @Test
    void should_send_the_configured_prompts_and_thinking_in_utf8() throws Exception {
        start(Map.of("prompt", "Décris cette image — en détail.", "system-prompt", "Tu es un système d’analyse d’images.",
                "thinking", "true")).describe(TestImages.png(20, 20, Color.RED));

        Request.Part req = onlyRequest().getPart("req");
        JsonNode sent = JSON.readTree(new String(req.getBody().asBytes(), StandardCharsets.UTF_8));
        assertThat(sent).isEqualTo(JSON.createObjectNode().put("user_prompt", "Décris cette image — en détail.")
                .put("system_prompt", "Tu es un système d’analyse d’images.").put("thinking", true));
    }

    @Test
    void should_send_png_as_it_is_with_a_png_name_and_type() throws Exception {
        byte[] png = TestImages.png(30, 20, Color.RED);

        start(Map.of()).describe(png);

        Request.Part file = onlyRequest().getPart("file");
        assertThat(file.getFileName()).isEqualTo("image.png");
        assertThat(file.getHeader("Content-Type").firstValue()).isEqualTo("image/png");
        assertThat(file.getBody().asBytes()).isEqualTo(png);
    }

    @Test
    void should_send_a_gif_as_png_or_jpeg() throws Exception {
        byte[] gif = TestImages.write(TestImages.solid(30, 20, Color.GREEN), "gif");

        start(Map.of()).describe(gif);

        assertSentAsPngOrJpeg(onlyRequest().getPart("file"), 30, 20);
    }

    @Test
    void should_send_a_webp_as_png_or_jpeg() throws Exception {
        start(Map.of()).describe(TestImages.losslessWebp(40, 20, 0xFFFF0000, 0xFF0000FF));

        assertSentAsPngOrJpeg(onlyRequest().getPart("file"), 40, 20);
    }

    @Test
    void should_fit_images_under_the_configured_max_bytes() throws Exception {
        byte[] png = TestImages.noisyPng(200, 200);
        assertThat(png.length).isGreaterThan(20_000);

        start(Map.of("max-bytes", "20000")).describe(png);

        Request.Part file = onlyRequest().getPart("file");
        assertThat(file.getBody().asBytes().length).isLessThanOrEqualTo(20_000);
        assertSentAsPngOrJpeg(file, -1, -1);
    }

    @Test
    void should_post_json_naming_the_image_url_in_the_url_form() throws Exception {
        byte[] jpeg = TestImages.jpeg(64, 48, Color.BLUE);
        String sha256 = new ImageInspector(50_000_000, 100_000_000).inspect(jpeg).sha256();

        ProviderAnswer answer = start(Map.of("image-form", "url", "prompt", "Qu’est-ce qui se passe ?")).describe(jpeg);

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getUrl()).isEqualTo("/v1/understand/uploadImg");
        assertThat(sent.getHeader("Authorization")).isEqualTo(ProviderHarness.KEY);
        assertThat(sent.contentTypeHeader().mimeTypePart()).isEqualTo("application/json");
        assertThat(sent.isMultipart()).isFalse();
        assertThat(JSON.readTree(new String(sent.getBody(), StandardCharsets.UTF_8))).isEqualTo(JSON.createObjectNode()
                .put("url", harness.baseUrl() + "/media/" + sha256 + ".jpg")
                .put("user_prompt", "Qu’est-ce qui se passe ?")
                .put("system_prompt", "You are an image understanding system.")
                .put("thinking", false));
        assertThat(answer.description()).isEqualTo("A blue square. Nothing else is visible.");
    }

    @Test
    void should_refuse_an_unknown_image_form_at_start_up() {
        ProviderSettings settings = new ProviderSettings("memories", "memories",
                key -> key.equals("relay.provider.memories.image-form") ? Optional.of("base64") : Optional.empty());

        assertThatThrownBy(() -> new MemoriesAdapter(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image-form").hasMessageContaining("base64");
    }

    private static void assertSentAsPngOrJpeg(Request.Part file, int width, int height) throws Exception {
        byte[] bytes = file.getBody().asBytes();
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow();
        assertThat(format).isIn(ImageFormat.PNG, ImageFormat.JPEG);
        assertThat(file.getHeader("Content-Type").firstValue()).isEqualTo(format.mimeType());
        assertThat(file.getFileName()).isEqualTo(format == ImageFormat.JPEG ? "image.jpg" : "image.png");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        if (width > 0) {
            assertThat(decoded.getWidth()).isEqualTo(width);
            assertThat(decoded.getHeight()).isEqualTo(height);
        }
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> all = harness.stub.findAll(anyRequestedFor(anyUrl()));
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
