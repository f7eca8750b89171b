package io.captionrelay.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AltTextTest {

    @Test
    void should_keep_short_text_whole_on_one_line() {
        assertThat(AltText.fit("  A red boat\n on a  calm lake. ", 125)).isEqualTo("A red boat on a calm lake.");
        assertThat(AltText.fit("   ", 125)).isNull();
        assertThat(AltText.fit(null, 125)).isNull();
    }

    @Test
    void should_cut_long_text_at_a_word_boundary_with_an_ellipsis_within_the_limit() {
        String fitted = AltText.fit("A red fishing boat, moored on a calm lake at dawn, with mountains behind", 30);

        assertThat(fitted).isEqualTo("A red fishing boat, moored on…");
        assertThat(fitted.length()).isLessThanOrEqualTo(30);
    }

    @Test
    void should_count_characters_not_bytes_and_cut_a_single_long_word_hard() {
        assertThat(AltText.fit("Café à Zürich — 東京の夜景と人々", 16)).isEqualTo("Café à Zürich…");
        assertThat(AltText.fit("東京の夜景と人々と川と橋", 6)).isEqualTo("東京の夜景…");
    }

    @Test
    void should_take_the_first_sentence_of_a_description_without_markdown() {
        assertThat(AltText.firstSentence("**A harbour at dusk.** Boats rest by the quay.\n\nMore.")).isEqualTo("A harbour at dusk.");
        assertThat(AltText.firstSentence("# Title\n\nNo full stop here")).isEqualTo("Title");
        assertThat(AltText.firstSentence("Version 2.5 of the map. Next")).isEqualTo("Version 2.5 of the map.");
    }
}
