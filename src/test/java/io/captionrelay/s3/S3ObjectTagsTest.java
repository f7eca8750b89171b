package io.captionrelay.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captionrelay.model.CaptionResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ObjectTagsTest {

    private static CaptionResult result(String title, List<String> tags) {
        return new CaptionResult("ab".repeat(32), "s3://b/k.jpg", "local", "describe", title, "desc", "A caption, with a comma.",
                tags, "en", null, Map.of(), null, null, 5, Instant.EPOCH);
    }

    @Test
    void should_make_tags_from_the_chosen_fields_in_order() {
        Map<String, String> tags = S3ObjectTags.fromResult(result("Sunset, over sea!", List.of("sky", "sea blue", "a,b")), "caption-",
                List.of("title", "tags", "provider", "caption", "sha256"));
        assertThat(tags.keySet()).containsExactly("caption-title", "caption-tags", "caption-provider", "caption-caption", "caption-sha256");
        assertThat(tags.get("caption-title")).isEqualTo("Sunset over sea");
        assertThat(tags.get("caption-tags")).isEqualTo("sky / sea blue / a b");
        assertThat(tags.get("caption-caption")).isEqualTo("A caption with a comma.");
        assertThat(tags.get("caption-sha256")).hasSize(64);
    }

    @Test
    void should_skip_empty_fields_and_keep_within_s3_sizes() {
        Map<String, String> tags = S3ObjectTags.fromResult(result(null, List.of()), "caption-", List.of("title", "tags", "provider"));
        assertThat(tags).containsOnlyKeys("caption-provider");

        String longTitle = "Ünïcode wörds ".repeat(40);
        List<String> many = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "word" + i).toList();
        Map<String, String> big = S3ObjectTags.fromResult(result(longTitle, many), "caption-", List.of("title", "tags"));
        assertThat(big.get("caption-title").codePointCount(0, big.get("caption-title").length())).isLessThanOrEqualTo(256);
        String joined = big.get("caption-tags");
        assertThat(joined.length()).isLessThanOrEqualTo(256);
        assertThat(joined).startsWith("word0 / word1").doesNotEndWith("/").matches(".*word\\d+$"); // never half a word
        assertThat(S3ObjectTags.key("k".repeat(300))).hasSize(128);
    }

    @Test
    void should_keep_every_foreign_tag_and_add_ours_while_there_is_room() {
        Map<String, String> existing = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            existing.put("team-" + i, "v" + i);
        }
        existing.put("caption-caption", "stale");
        Map<String, String> ours = new LinkedHashMap<>();
        ours.put("caption-title", "T");
        ours.put("caption-tags", "a / b");
        ours.put("caption-provider", "local");

        S3ObjectTags.Merged merged = S3ObjectTags.merge(existing, ours, "caption-");

        assertThat(merged.tags()).hasSize(10).doesNotContainKey("caption-caption")
                .containsKeys("caption-title", "caption-tags").doesNotContainKey("caption-provider");
        for (int i = 0; i < 8; i++) {
            assertThat(merged.tags()).containsEntry("team-" + i, "v" + i);
        }
        assertThat(merged.leftOut()).containsExactly("caption-provider");
    }

    @Test
    void should_add_nothing_to_an_object_that_already_has_ten_tags_of_its_own() {
        Map<String, String> existing = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            existing.put("k" + i, "v");
        }
        S3ObjectTags.Merged merged = S3ObjectTags.merge(existing, Map.of("caption-title", "T"), "caption-");
        assertThat(merged.tags()).isEqualTo(existing);
        assertThat(merged.leftOut()).containsExactly("caption-title");
    }

    @Test
    void should_refuse_a_tag_prefix_s3_would_refuse_or_that_owns_every_tag() {
        assertThatThrownBy(() -> S3ObjectTags.checkKeyPrefix("")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> S3ObjectTags.checkKeyPrefix("aws:caption-")).hasMessageContaining("aws:");
        assertThatThrownBy(() -> S3ObjectTags.checkKeyPrefix("cap,tion")).hasMessageContaining("letters");
        S3ObjectTags.checkKeyPrefix("relay:caption/");
    }
}
