package io.captionrelay.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** When the first line of an answer is taken as its title, and when it is not. */
class TitleLineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Red Barn at Dawn                       | Red Barn at Dawn
            # Red Barn at Dawn                     | Red Barn at Dawn
            **Red Barn at Dawn**                   | Red Barn at Dawn
            Title: Red Barn at Dawn                | Red Barn at Dawn
            **Title:** "Red Barn at Dawn"          | Red Barn at Dawn
            “Red Barn at Dawn”                     | Red Barn at Dawn
            Who Left the Barn Door Open?           | Who Left the Barn Door Open?
            """)
    void should_take_a_first_line_that_looks_like_a_title(String firstLine, String title) {
        TitleLine.Split split = TitleLine.split(firstLine + "\n\nA red barn stands in a misty field.");

        assertThat(split.title()).isEqualTo(title);
        assertThat(split.description()).isEqualTo("A red barn stands in a misty field.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "A red barn stands in a misty field.",
            "Here is a description of the image:",
            "Sure!",
            "- a red barn",
            "1. a red barn",
            "| barn | red |",
            "```text",
            "This photograph shows a large red barn standing alone in a wide misty field at dawn with a wooden fence in front"})
    void should_keep_the_whole_answer_when_the_first_line_is_not_a_title(String firstLine) {
        String answer = firstLine + "\nThe light is soft.";

        TitleLine.Split split = TitleLine.split(answer);

        assertThat(split.title()).isNull();
        assertThat(split.description()).isEqualTo(answer);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Red Barn at Dawn
            A red barn stands in a misty field, and the morning light catches its roof.
            """)
    void should_never_invent_a_title_for_a_single_paragraph(String answer) {
        TitleLine.Split split = TitleLine.split("  " + answer + "  \n\n  ");

        assertThat(split.title()).isNull();
        assertThat(split.description()).isEqualTo(answer);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Description: A red barn.      | A red barn.
            **Description:** A red barn.  | A red barn.
            A red barn.                   | A red barn.
            """)
    void should_drop_a_description_label(String rest, String description) {
        TitleLine.Split split = TitleLine.split("Red Barn\r\n\r\n" + rest);

        assertThat(split.title()).isEqualTo("Red Barn");
        assertThat(split.description()).isEqualTo(description);
    }
}
