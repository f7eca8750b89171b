package io.captionrelay.provider.apiverve;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What reaches APIVerve (docs/providers/apiverve.md), through the real routes, camel-http and image preparation. */
class ApiVerveContractTest {

    static final String OK = "{\"status\":\"ok\",\"error\":null,\"data\":{\"caption\":\"A blue square on a plain background\"}}";

    private ProviderHarness harness;

    private ProviderHarness start(Map<String, String> settings) throws Exception {
        harness = new ProviderHarness(new ProviderTask("apiverve", "apiverve", "imagecaption", null, ""),
                ApiVerveAdapter::new, settings, ProviderHarness.realPreparation());
        harness.stub.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404).withBody("no such stub")));
        harness.stub.stubFor(post(urlPathEqualTo("/v1/imagecaption")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Request-ID", "req-7f3a")
                .withHeader("X-RateLimit-Limit", "60").withHeader("X-RateLimit-Remaining", "59")
                .withHeader("X-RateLimit-Reset", "42")
                .withBody(OK)));
        return harness;
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void should_send_a_retry_with_the_same_headers_and_bytes_as_the_first_attempt() throws Exception {
        start(Map.of());
        harness.stub.stubFor(post(urlPathEqualTo("/v1/imagecaption")).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody("{\"status\":\"error\",\"error\":\"Service unavailable\"}"))
                .willSetStateTo("answering"));

        harness.describe(TestImages.jpeg(64, 48, Color.BLUE));

        List<LoggedRequest> sent = harness.requests();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getHeaders().all()).containsExactlyInAnyOrderElementsOf(sent.get(0).getHeaders().all());
        assertThat(sent.get(1).getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(sent.get(1).getBody()).isEqualTo(sent.get(0).getBody());
    }

    @Test
    void should_post_a_compliant_jpeg_byte_for_byte_as_the_image_part_with_the_key_in_x_api_key() throws Exception {
        byte[] jpeg = TestImages.jpeg(64, 48, Color.BLUE);

        ProviderAnswer answer = start(Map.of()).describe(jpeg);

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getUrl()).isEqualTo("/v1/imagecaption");
        assertThat(sent.getHeader("X-API-Key")).isEqualTo(ProviderHarness.KEY);
        assertThat(sent.containsHeader("Authorization")).isFalse();
        assertThat(sent.getHeader("Accept")).isEqualTo("application/json");
        assertThat(sent.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(sent.getAllHeaderKeys()).noneMatch(h -> h.startsWith("Camel") || h.startsWith("CaptionRelay"));
        assertThat(sent.getBodyAsString()).doesNotContain(ProviderHarness.KEY);

        Request.Part image = onlyPart(sent);
        assertThat(image.getFileName()).isEqualTo("image.jpg");
        assertThat(image.getHeader("Content-Type").firstValue()).isEqualTo("image/jpeg");
        assertThat(image.getHeaders().keys()).map(h -> h.toLowerCase(java.util.Locale.ROOT))
                .containsExactlyInAnyOrder("content-disposition", "content-type");
        assertThat(image.getBody().asBytes()).isEqualTo(jpeg);

        assertThat(answer.caption()).isEqualTo("A blue square on a plain background");
        assertThat(answer.altText()).as("the one-line caption is the alt text").isEqualTo("A blue square on a plain background");
        assertThat(answer.title()).isNull();
        assertThat(answer.description()).isNull();
        assertThat(answer.tags()).isEmpty();
        assertThat(answer.providerRequestId()).isEqualTo("req-7f3a");
        assertThat(answer.usage()).containsExactlyInAnyOrderEntriesOf(
                Map.of("rateLimitLimit", 60L, "rateLimitRemaining", 59L, "rateLimitReset", 42L));
        assertThat(answer.raw().path("data").path("caption").asText()).isEqualTo("A blue square on a plain background");
    }

    @Test
    void should_send_webp_as_an_accepted_format_after_preparation() throws Exception {
        byte[] webp = TestImages.losslessWebp(40, 20, 0xFFFF0000, 0xFF0000FF);

        start(Map.of()).describe(webp);

        Request.Part image = onlyPart(onlyRequest());
        byte[] bytes = image.getBody().asBytes();
        assertThat(ImageFormat.sniff(bytes)).contains(ImageFormat.JPEG);
        assertThat(image.getFileName()).isEqualTo("image.jpg");
        assertThat(image.getHeader("Content-Type").firstValue()).isEqualTo("image/jpeg");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(decoded.getWidth()).isEqualTo(40);
        assertThat(decoded.getHeight()).isEqualTo(20);
    }

    @Test
    void should_send_gif_as_it_is_with_a_gif_name_and_type() throws Exception {
        byte[] gif = TestImages.write(TestImages.solid(30, 30, Color.GREEN), "gif");

        start(Map.of()).describe(gif);

        Request.Part image = onlyPart(onlyRequest());
        assertThat(image.getFileName()).isEqualTo("image.gif");
        assertThat(image.getHeader("Content-Type").firstValue()).isEqualTo("image/gif");
        assertThat(image.getBody().asBytes()).isEqualTo(gif);
    }

    @Test
    void should_send_png_as_it_is_with_a_png_name_and_type() throws Exception {
        byte[] png = TestImages.png(30, 20, Color.RED);

        start(Map.of()).describe(png);

        Request.Part image = onlyPart(onlyRequest());
        assertThat(image.getFileName()).isEqualTo("image.png");
        assertThat(image.getHeader("Content-Type").firstValue()).isEqualTo("image/png");
        assertThat(image.getBody().asBytes()).isEqualTo(png);
    }

    @Test
    void should_fit_images_under_the_configured_max_bytes() throws Exception {
        byte[] png = TestImages.noisyPng(200, 200);
        assertThat(png.length).isGreaterThan(20_000);

        start(Map.of("max-bytes", "20000")).describe(png);

        Request.Part image = onlyPart(onlyRequest());
        byte[] bytes = image.getBody().asBytes();
        assertThat(bytes.length).isLessThanOrEqualTo(20_000);
        ImageFormat sent = ImageFormat.sniff(bytes).orElseThrow();
        assertThat(image.getHeader("Content-Type").firstValue()).isEqualTo(sent.mimeType());
        assertThat(image.getFileName()).isEqualTo(sent == ImageFormat.JPEG ? "image.jpg" : "image.png");
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> all = harness.stub.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** The request's parts: exactly one, named {@code image}. */
    static Request.Part onlyPart(LoggedRequest sent) {
        assertThat(sent.isMultipart()).isTrue();
        assertThat(sent.getParts()).extracting(Request.Part::getName).containsExactly("image");
        return sent.getPart("image");
    }
}
