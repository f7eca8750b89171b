package io.captionrelay.provider.imaginepro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ProviderAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading Midjourney's four descriptions from wherever a proxy puts them. */
class DescribePromptsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String KEYCAPS = "1\uFE0F\u20E3 a tabby cat sitting on a windowsill, soft morning light --ar 3:2\n\n"
            + "2\uFE0F\u20E3 a [cat](https://s.mj.run/abc) by the window, in the style of pastel colours --ar 3:2 --v 6\n\n"
            + "3\uFE0F\u20E3 sleepy kitten, warm tones --style raw\n\n"
            + "4\uFE0F\u20E3 window cat portrait --no people trees --ar 1:1";

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"content", "description", "prompt"})
    void should_read_keycap_lines_from_any_of_the_three_fields(String field) throws Exception {
        JsonNode message = MAPPER.createObjectNode().put("messageId", "m1").put("status", "DONE").put(field, KEYCAPS);

        assertThat(DescribePrompts.read(message)).containsExactly(
                "a tabby cat sitting on a windowsill, soft morning light",
                "a cat by the window, in the style of pastel colours",
                "sleepy kitten, warm tones",
                "window cat portrait");
    }

    @Test
    void should_read_an_array_of_strings_and_strip_markers_and_flags() throws Exception {
        JsonNode message = json("""
                {"content": ["1\uFE0F\u20E3 red car on a wet street --ar 16:9", "a red sports car, rain --v 6.1",
                             "vintage car --tile", "car at night --niji 6 --stylize 250"]}""");

        assertThat(DescribePrompts.read(message))
                .containsExactly("red car on a wet street", "a red sports car, rain", "vintage car", "car at night");
    }

    @Test
    void should_prefer_content_over_description_over_prompt_and_skip_a_bare_url() throws Exception {
        JsonNode message = json("""
                {"prompt": "https://example.com/image.png", "description": ["from description"], "content": null}""");

        assertThat(DescribePrompts.read(message)).containsExactly("from description");
        assertThat(DescribePrompts.read(json("{\"prompt\": \"https://example.com/only-the-url.png\"}"))).isEmpty();
    }

    @Test
    void should_join_a_description_that_runs_over_several_lines_and_ignore_a_preamble() throws Exception {
        JsonNode message = json("{\"content\": \"Here are four prompts:\\n1\\u20E3 a quiet lake,\\nmisty morning --ar 4:3\\n"
                + "2\\u20E3 mountains\"}");

        assertThat(DescribePrompts.read(message)).containsExactly("a quiet lake, misty morning", "mountains");
    }

    @Test
    void should_answer_with_a_numbered_list_a_short_title_and_the_message_as_raw() throws Exception {
        JsonNode message = MAPPER.createObjectNode().put("messageId", "m1").put("status", "DONE").put("content", KEYCAPS);

        ProviderAnswer answer = DescribePrompts.answer(message, "m1");

        assertThat(answer.description()).isEqualTo("""
                1. a tabby cat sitting on a windowsill, soft morning light
                2. a cat by the window, in the style of pastel colours
                3. sleepy kitten, warm tones
                4. window cat portrait""");
        assertThat(answer.title()).isEqualTo("A tabby cat sitting on a windowsill");
        assertThat(answer.tags()).isEmpty();
        assertThat(answer.usage()).isEmpty();
        assertThat(answer.caption()).isNull();
        assertThat(answer.providerRequestId()).isEqualTo("m1");
        assertThat(answer.raw()).isEqualTo(message);
    }

    @Test
    void should_cut_a_long_title_at_a_word_boundary() {
        String first = "an extraordinarily detailed panoramic photograph of an ancient mountain monastery perched above "
                + "rolling clouds at dawn";

        String title = DescribePrompts.title(first);

        assertThat(title).hasSizeLessThanOrEqualTo(DescribePrompts.TITLE_MAX).endsWith("…").startsWith("An extraordinarily");
        assertThat(title.substring(0, title.length() - 1)).doesNotEndWith(" ");
        assertThat(first).contains(title.substring(1, title.length() - 1));
    }

    @Test
    void should_fail_as_transient_with_a_snippet_when_a_finished_message_holds_no_description() throws Exception {
        JsonNode message = json("{\"messageId\": \"m1\", \"status\": \"DONE\", \"uri\": \"https://cdn/x.png\"}");

        assertThatThrownBy(() -> DescribePrompts.answer(message, "m1")).isInstanceOf(RelayException.class)
                .hasMessageContaining("m1").hasMessageContaining("cdn/x.png")
                .extracting(e -> ((RelayException) e).errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    }
}
