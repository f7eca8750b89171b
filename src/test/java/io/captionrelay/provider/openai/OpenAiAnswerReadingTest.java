package io.captionrelay.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.captionrelay.provider.openai.OpenAiStubs.JSON;
import static io.captionrelay.provider.openai.OpenAiStubs.PATH;
import static io.captionrelay.provider.openai.OpenAiStubs.completion;
import static io.captionrelay.provider.openai.OpenAiStubs.harness;
import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a chat completion becomes the canonical fields. */
class OpenAiAnswerReadingTest {

    private final byte[] image = TestImages.jpeg(20, 20, Color.RED);
    private ProviderHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private ProviderAnswer answer(Map<String, String> settings, String body, Map<String, String> headers) throws Exception {
        harness = harness(settings);
        var response = aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
        headers.forEach(response::withHeader);
        harness.stub.stubFor(post(PATH).willReturn(response));
        return harness.describe(image);
    }

    @Test
    void should_take_the_title_line_the_default_prompt_asks_for_and_the_rest_as_description() throws Exception {
        String body = completion("chatcmpl-9xyz", "Red Barn at Dawn\n\nA red barn stands in a misty field. Morning light "
                + "catches its roof.", "stop");

        ProviderAnswer answer = answer(Map.of(), body, Map.of("x-request-id", "req_header"));

        assertThat(answer.title()).isEqualTo("Red Barn at Dawn");
        assertThat(answer.description()).isEqualTo("A red barn stands in a misty field. Morning light catches its roof.");
        assertThat(answer.caption()).isNull();
        assertThat(answer.tags()).isEmpty();
        assertThat(answer.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("prompt_tokens", 812L,
                "completion_tokens", 64L, "total_tokens", 876L));
        assertThat(answer.providerRequestId()).as("the completion id comes first").isEqualTo("chatcmpl-9xyz");
        assertThat(answer.raw()).isEqualTo(JSON.readTree(body));
    }

    @Test
    void should_leave_the_title_empty_when_the_answer_is_one_paragraph() throws Exception {
        String text = "A red barn stands in a misty field, and morning light catches its roof.";

        ProviderAnswer answer = answer(Map.of(), completion(text), Map.of());

        assertThat(answer.title()).isNull();
        assertThat(answer.description()).isEqualTo(text);
    }

    @Test
    void should_not_split_a_title_off_the_answer_to_a_custom_prompt_unless_asked() throws Exception {
        String text = "Red Barn\n\nA red barn in a field.";

        ProviderAnswer plain = answer(Map.of("prompt", "Describe the image."), completion(text), Map.of());
        assertThat(plain.title()).isNull();
        assertThat(plain.description()).isEqualTo(text);
        harness.close();

        ProviderAnswer split = answer(Map.of("prompt", "Title on line one, then a description.", "title-line", "true"),
                completion(text), Map.of());
        assertThat(split.title()).isEqualTo("Red Barn");
        assertThat(split.description()).isEqualTo("A red barn in a field.");
    }

    @Test
    void should_not_take_the_first_line_as_title_when_the_title_line_is_switched_off() throws Exception {
        ProviderAnswer answer = answer(Map.of("title-line", "false"), completion("Red Barn\n\nA red barn."), Map.of());

        assertThat(answer.title()).isNull();
        assertThat(answer.description()).isEqualTo("Red Barn\n\nA red barn.");
    }

    @Test
    void should_use_the_x_request_id_header_when_the_answer_has_no_id() throws Exception {
        String body = "{\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"A red square.\"},\"finish_reason\":\"stop\"}]}";

        ProviderAnswer answer = answer(Map.of(), body, Map.of("X-Request-ID", "req_42"));

        assertThat(answer.providerRequestId()).isEqualTo("req_42");
        assertThat(answer.usage()).as("no usage reported, none invented").isEmpty();
        assertThat(answer.description()).isEqualTo("A red square.");
    }

    @Test
    void should_read_content_given_as_an_array_of_text_parts() throws Exception {
        String body = "{\"id\":\"x\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"Red Square\"},{\"type\":\"text\",\"text\":\"\\nA red square on nothing.\"}]},"
                + "\"finish_reason\":\"stop\"}]}";

        ProviderAnswer answer = answer(Map.of(), body, Map.of());

        assertThat(answer.title()).isEqualTo("Red Square");
        assertThat(answer.description()).isEqualTo("A red square on nothing.");
    }

    @Test
    void should_keep_a_partial_answer_cut_off_by_max_tokens() throws Exception {
        ProviderAnswer answer = answer(Map.of(), completion("id-1", "Red Barn\n\nA red barn stands in a", "length"), Map.of());

        assertThat(answer.title()).isEqualTo("Red Barn");
        assertThat(answer.description()).isEqualTo("A red barn stands in a");
    }
}
