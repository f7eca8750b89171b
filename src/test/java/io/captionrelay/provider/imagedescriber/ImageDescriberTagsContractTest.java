package io.captionrelay.provider.imagedescriber;

import static io.captionrelay.provider.imagedescriber.ImageDescriberStubs.TAGS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.provider.imagedescriber.ImageDescriberStubs.DataUri;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** generate_tags on the wire (docs/providers/imagedescriber.md), through the real routes and camel-http. */
class ImageDescriberTagsContractTest {

    private ProviderHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private LoggedRequest describeOnce(Map<String, String> settings, byte[] image) throws Exception {
        harness = TAGS.harness(settings);
        TAGS.answer(harness, TAGS.success());
        harness.describe(image);
        return ImageDescriberStubs.only(harness);
    }

    @Test
    void should_post_json_with_the_bearer_key_to_generate_tags() throws Exception {
        LoggedRequest sent = describeOnce(Map.of(), TestImages.jpeg(64, 48, Color.BLUE));

        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getUrl()).isEqualTo("/api/v1/generate_tags");
        assertThat(sent.getHeader("authorization")).isEqualTo("Bearer " + ProviderHarness.KEY);
        assertThat(sent.getHeader("content-type")).isEqualTo("application/json");
        assertThat(sent.getHeaders().keys().stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()))
                .containsAll(Set.of("authorization", "content-type"))
                .allMatch(h -> h.equals("authorization") || h.equals("content-type")
                        || ImageDescriberContentContractTest.TRANSPORT_HEADERS.contains(h));
    }

    @Test
    void should_send_only_image_and_lang_en_by_default() throws Exception {
        JsonNode body = ImageDescriberStubs.body(describeOnce(Map.of(), TestImages.jpeg(64, 48, Color.BLUE)));

        assertThat(ImageDescriberStubs.fieldNames(body)).containsExactly("image", "lang");
        assertThat(body.get("lang").textValue()).isEqualTo("en");
    }

    @Test
    void should_send_no_prompt_and_no_url_even_when_they_are_configured() throws Exception {
        byte[] jpeg = TestImages.jpeg(64, 48, Color.BLUE);
        JsonNode body = ImageDescriberStubs.body(describeOnce(
                Map.of("prompt", "Describe it", "image-form", "url", "language", "ja"), jpeg));

        assertThat(ImageDescriberStubs.fieldNames(body)).containsExactly("image", "lang");
        assertThat(body.get("lang").textValue()).isEqualTo("ja");
        assertThat(DataUri.parse(body.get("image").textValue()).bytes()).isEqualTo(jpeg);
    }

    @Test
    void should_send_a_compliant_jpeg_byte_for_byte_as_a_jpeg_data_uri() throws Exception {
        byte[] jpeg = TestImages.jpeg(64, 48, Color.ORANGE);
        String image = ImageDescriberStubs.body(describeOnce(Map.of(), jpeg)).get("image").textValue();

        assertThat(image).startsWith("data:image/jpeg;base64,");
        DataUri uri = DataUri.parse(image);
        assertThat(uri.declaredType()).isEqualTo(uri.sniffed().mimeType());
        assertThat(uri.bytes()).isEqualTo(jpeg);
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"TIFF", "BMP"})
    void should_convert_tiff_and_bmp_to_a_format_the_provider_takes(ImageFormat format) throws Exception {
        byte[] original = TestImages.write(TestImages.picture(80, 60), format.imageIoName());
        assertThat(ImageFormat.sniff(original)).contains(format);

        DataUri uri = DataUri.parse(ImageDescriberStubs.body(describeOnce(Map.of(), original)).get("image").textValue());

        assertThat(uri.sniffed()).isIn(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP);
        assertThat(uri.declaredType()).isEqualTo(uri.sniffed().mimeType());
    }

    @Test
    void should_read_tags_title_description_credits_and_request_id() throws Exception {
        harness = TAGS.harness();
        TAGS.answer(harness, ImageDescriberStubs.json(200, "{\"code\":0,\"message\":\"success\",\"request_id\":\"rq-tags-1\","
                + "\"data\":{\"tags\":{\"tags\":[\"beach\",\"sunset\",\"sea\"],\"title\":\"Sunset over the sea\","
                + "\"description\":\"The sun sets over a calm sea.\"},\"credits\":{\"amount\":\"2\",\"remaining\":\"998\"}}}"));

        ProviderAnswer answer = harness.describe(TestImages.jpeg(64, 48, Color.BLUE));

        assertThat(answer.tags()).containsExactly("beach", "sunset", "sea");
        assertThat(answer.title()).isEqualTo("Sunset over the sea");
        assertThat(answer.description()).isEqualTo("The sun sets over a calm sea.");
        assertThat(answer.altText()).isEqualTo("The sun sets over a calm sea.");
        assertThat(answer.caption()).isNull();
        assertThat(answer.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("credits", 2L, "creditsRemaining", 998L));
        assertThat(answer.providerRequestId()).isEqualTo("rq-tags-1");
        assertThat(answer.raw().path("data").path("credits").path("remaining").textValue()).isEqualTo("998");
    }

    @Test
    void should_keep_credits_that_are_not_numbers_as_the_strings_sent() throws Exception {
        harness = TAGS.harness();
        TAGS.answer(harness, ImageDescriberStubs.json(200, "{\"code\":0,\"request_id\":\"r\",\"data\":{\"tags\":{\"tags\":[\"a\"]},"
                + "\"credits\":{\"amount\":\"0.5\",\"remaining\":\"unlimited\"}}}"));

        ProviderAnswer answer = harness.describe(TestImages.jpeg(64, 48, Color.BLUE));

        assertThat(answer.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("credits", new BigDecimal("0.5"), "creditsRemaining", "unlimited"));
        assertThat(answer.title()).isNull();
        assertThat(answer.description()).isNull();
        assertThat(answer.tags()).isEqualTo(List.of("a"));
    }

    @Test
    void should_leave_usage_empty_when_no_credits_are_reported() throws Exception {
        harness = TAGS.harness();
        TAGS.answer(harness, ImageDescriberStubs.json(200,
                "{\"code\":0,\"data\":{\"tags\":{\"tags\":[],\"title\":\"Only a title\"}}}"));

        ProviderAnswer answer = harness.describe(TestImages.jpeg(64, 48, Color.BLUE));

        assertThat(answer.usage()).isEmpty();
        assertThat(answer.tags()).isEmpty();
        assertThat(answer.title()).isEqualTo("Only a title");
        assertThat(answer.providerRequestId()).isNull();
    }
}
