package io.captionrelay.provider.imagedescriber;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.captionrelay.provider.imagedescriber.ImageDescriberStubs.CONTENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.image.ImageInspector;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.provider.imagedescriber.ImageDescriberStubs.DataUri;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** generate_content on the wire (docs/providers/imagedescriber.md), through the real routes and camel-http. */
class ImageDescriberContentContractTest {

    /** Headers any HTTP client adds on its own; anything else sent must be the contract's. */
    static final Set<String> TRANSPORT_HEADERS = Set.of("host", "content-length", "connection", "user-agent",
            "accept-encoding", "transfer-encoding", "expect");

    private ProviderHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private LoggedRequest describeOnce(Map<String, String> settings, byte[] image) throws Exception {
        harness = CONTENT.harness(settings);
        CONTENT.answer(harness, CONTENT.success());
        harness.describe(image);
        return ImageDescriberStubs.only(harness);
    }

    @Test
    void should_post_json_with_the_bearer_key_to_generate_content() throws Exception {
        LoggedRequest sent = describeOnce(Map.of(), TestImages.jpeg(64, 48, Color.BLUE));

        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getUrl()).isEqualTo("/api/v1/generate_content");
        assertThat(sent.getHeader("authorization")).isEqualTo("Bearer " + ProviderHarness.KEY);
        assertThat(sent.getHeader("content-type")).isEqualTo("application/json");
        assertThat(sent.getHeaders().keys().stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()))
                .as("only the contract's headers and the transport's own")
                .containsAll(Set.of("authorization", "content-type"))
                .allMatch(h -> h.equals("authorization") || h.equals("content-type") || TRANSPORT_HEADERS.contains(h));
        harness.stub.verify(1, postRequestedFor(urlEqualTo("/api/v1/generate_content"))
                .withHeader("authorization", equalTo("Bearer " + ProviderHarness.KEY)));
    }

    @Test
    void should_send_image_and_lang_en_and_no_prompt_when_none_is_configured() throws Exception {
        JsonNode body = ImageDescriberStubs.body(describeOnce(Map.of(), TestImages.jpeg(64, 48, Color.BLUE)));

        assertThat(ImageDescriberStubs.fieldNames(body)).containsExactly("image", "lang");
        assertThat(body.get("lang").isTextual()).isTrue();
        assertThat(body.get("lang").textValue()).isEqualTo("en");
        assertThat(body.has("prompt")).isFalse();
    }

    @Test
    void should_leave_out_a_blank_prompt() throws Exception {
        JsonNode body = ImageDescriberStubs.body(describeOnce(Map.of("prompt", "   "), TestImages.jpeg(64, 48, Color.BLUE)));

        assertThat(ImageDescriberStubs.fieldNames(body)).containsExactly("image", "lang");
    }

    @Test
    void should_send_the_configured_prompt_and_language() throws Exception {
        String prompt = "What is this \"object\"?\nDescribe its possible uses — briefly.";
        JsonNode body = ImageDescriberStubs.body(describeOnce(Map.of("prompt", prompt, "language", "fr"),
                TestImages.jpeg(64, 48, Color.BLUE)));

        assertThat(ImageDescriberStubs.fieldNames(body)).containsExactly("image", "prompt", "lang");
        assertThat(body.get("prompt").textValue()).isEqualTo(prompt);
        assertThat(body.get("lang").textValue()).isEqualTo("fr");
    }

    @Test
    void should_send_a_compliant_jpeg_byte_for_byte_as_a_jpeg_data_uri() throws Exception {
        byte[] jpeg = TestImages.jpeg(64, 48, Color.BLUE);
        String image = ImageDescriberStubs.body(describeOnce(Map.of(), jpeg)).get("image").textValue();

        assertThat(image).startsWith("data:image/jpeg;base64,");
        DataUri uri = DataUri.parse(image);
        assertThat(uri.declaredType()).isEqualTo(uri.sniffed().mimeType()).isEqualTo("image/jpeg");
        assertThat(uri.bytes()).isEqualTo(jpeg);
    }

    @Test
    void should_send_a_png_as_a_png_data_uri() throws Exception {
        byte[] png = TestImages.png(40, 30, Color.RED);
        DataUri uri = DataUri.parse(ImageDescriberStubs.body(describeOnce(Map.of(), png)).get("image").textValue());

        assertThat(uri.declaredType()).isEqualTo("image/png").isEqualTo(uri.sniffed().mimeType());
        assertThat(uri.bytes()).isEqualTo(png);
    }

    @Test
    void should_send_a_webp_as_a_webp_data_uri() throws Exception {
        byte[] webp = TestImages.losslessWebp(16, 8, 0xFFFF0000, 0xFF0000FF);
        DataUri uri = DataUri.parse(ImageDescriberStubs.body(describeOnce(Map.of(), webp)).get("image").textValue());

        assertThat(uri.declaredType()).isEqualTo("image/webp").isEqualTo(uri.sniffed().mimeType());
        assertThat(uri.bytes()).isEqualTo(webp);
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"TIFF", "BMP", "GIF"})
    void should_convert_formats_the_provider_does_not_take(ImageFormat format) throws Exception {
        byte[] original = TestImages.write(TestImages.picture(80, 60), format.imageIoName());
        assertThat(ImageFormat.sniff(original)).contains(format);

        DataUri uri = DataUri.parse(ImageDescriberStubs.body(describeOnce(Map.of(), original)).get("image").textValue());

        assertThat(uri.sniffed()).isIn(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP);
        assertThat(uri.declaredType()).isEqualTo(uri.sniffed().mimeType());
    }

    @Test
    void should_bring_an_image_over_4_000_000_bytes_under_the_limit() throws Exception {
        byte[] big = TestImages.noisyPng(1156, 1156);
        assertThat(big.length).as("between the decimal and the binary reading of 4 MB").isBetween(4_000_001, 4 * 1024 * 1024);

        DataUri uri = DataUri.parse(ImageDescriberStubs.body(describeOnce(Map.of(), big)).get("image").textValue());

        assertThat(uri.bytes().length).isLessThanOrEqualTo(4_000_000);
        assertThat(uri.declaredType()).isEqualTo(uri.sniffed().mimeType());
    }

    @Test
    void should_send_the_image_url_when_image_form_is_url() throws Exception {
        byte[] jpeg = TestImages.jpeg(64, 48, Color.GREEN);
        String sha256 = new ImageInspector(50_000_000, 100_000_000).inspect(jpeg).sha256();

        JsonNode body = ImageDescriberStubs.body(describeOnce(Map.of("image-form", "url"), jpeg));

        assertThat(ImageDescriberStubs.fieldNames(body)).containsExactly("image", "lang");
        assertThat(body.get("image").textValue()).isEqualTo(harness.baseUrl() + "/media/" + sha256 + ".jpg");
    }

    @Test
    void should_read_the_markdown_content_and_the_request_id_and_invent_nothing() throws Exception {
        harness = CONTENT.harness();
        CONTENT.answer(harness, ImageDescriberStubs.json(200, "{\"code\":0,\"message\":\"success\",\"request_id\":\"rq-77\","
                + "\"data\":{\"content\":\"## Beach\\n\\n- sand\\n- *sea*\"}}"));

        ProviderAnswer answer = harness.describe(TestImages.jpeg(64, 48, Color.BLUE));

        assertThat(answer.description()).isEqualTo("## Beach\n\n- sand\n- *sea*");
        assertThat(answer.altText()).as("the first paragraph without its heading mark").isEqualTo("Beach");
        assertThat(answer.providerRequestId()).isEqualTo("rq-77");
        assertThat(answer.title()).isNull();
        assertThat(answer.caption()).isNull();
        assertThat(answer.tags()).isEqualTo(List.of());
        assertThat(answer.usage()).isEmpty();
        assertThat(answer.raw().path("data").path("content").textValue()).isEqualTo("## Beach\n\n- sand\n- *sea*");
    }
}
