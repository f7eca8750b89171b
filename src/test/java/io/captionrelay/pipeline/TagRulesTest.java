package io.captionrelay.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tag control: a vocabulary of keywords and synonyms, vocabulary-only, lower-casing, repeats and a maximum count. */
class TagRulesTest {

    private static final TagVocabulary VOCABULARY = TagVocabulary.parse(List.of(
            "# my keywords", "Sea: ocean, seaside", "", "Boat: ship, vessel", "Zürich"), "test");

    @TempDir
    Path tmp;

    @AutoClose
    private RelayApp app;

    @Test
    void should_map_synonyms_to_the_users_keyword_ignoring_case_and_leave_out_the_repeats_that_makes() {
        TagRules rules = new TagRules(Optional.of(VOCABULARY), false, false, 0);

        assertThat(rules.apply(List.of("OCEAN", "seaside", "ship", "sunset", " ", "Sunset", "zürich")))
                .containsExactly("Sea", "Boat", "sunset", "Zürich");
    }

    @Test
    void should_drop_tags_outside_the_vocabulary_lower_case_and_keep_at_most_the_maximum() {
        assertThat(new TagRules(Optional.of(VOCABULARY), true, true, 0).apply(List.of("vessel", "sunset", "Ocean", "zürich")))
                .containsExactly("boat", "sea", "zürich");
        assertThat(new TagRules(Optional.of(VOCABULARY), true, true, 2).apply(List.of("vessel", "sunset", "Ocean", "zürich")))
                .containsExactly("boat", "sea");
        assertThat(TagRules.NONE.apply(List.of("A", "a", "b"))).containsExactly("A", "b");
    }

    @Test
    void should_refuse_a_vocabulary_that_maps_one_word_to_two_keywords_and_vocabulary_only_without_one() {
        assertThatThrownBy(() -> TagVocabulary.parse(List.of("sea: water", "lake: Water"), "v.txt"))
                .hasMessageContaining("v.txt line 2").hasMessageContaining("'Water'").hasMessageContaining("'sea'");
        assertThatThrownBy(() -> new TagRules(Optional.empty(), true, false, 0))
                .hasMessageContaining("relay.result.tags.vocabulary");
    }

    @Test
    void should_apply_the_configured_vocabulary_to_every_recorded_result() throws Exception {
        Path vocabulary = tmp.resolve("keywords.txt");
        Files.writeString(vocabulary, "Photo: jpeg, png\nWide: landscape\nOcean: blue\n");
        app = new RelayApp(tmp).with("relay.result.tags.vocabulary", vocabulary.toString())
                .with("relay.result.tags.vocabulary-only", "true").with("relay.result.tags.lower-case", "true").start();
        Path staged = tmp.resolve("staged.jpg");
        Files.write(staged, TestImages.jpeg(640, 480, Color.BLUE));
        Files.move(staged, app.inbox.resolve("sea.jpg"));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(app.inbox.resolve(".done/sea.jpg")));

        var result = new ObjectMapper().readTree(app.outbox.resolve("sea.jpg.local.json").toFile());
        assertThat(result.path("tags").toString()).isEqualTo("[\"photo\",\"wide\",\"ocean\"]");
        assertThat(app.count("SELECT COUNT(*) FROM image_caption_tag")).isEqualTo(3);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption_tag WHERE tag = 'ocean'")).isEqualTo(1);
    }
}
