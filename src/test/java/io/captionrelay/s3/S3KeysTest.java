package io.captionrelay.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class S3KeysTest {

    @Test
    void should_keep_a_key_that_fits_as_it_is() {
        assertThat(S3Keys.join("captions/", "trip/ünï cödé.jpg", ".local.json")).isEqualTo("captions/trip/ünï cödé.jpg.local.json");
    }

    @Test
    void should_shorten_the_path_of_a_key_over_1024_bytes_keeping_prefix_suffix_and_uniqueness() {
        String path = "ж".repeat(600); // 1200 bytes
        String key = S3Keys.join("captions/", path, ".local.json");
        String other = S3Keys.join("captions/", path + "x", ".local.json");

        assertThat(key.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(S3Keys.MAX_KEY_BYTES);
        assertThat(key).startsWith("captions/жжж").endsWith(".local.json").contains("~");
        assertThat(other).isNotEqualTo(key);
        assertThat(S3Keys.join("captions/", path, ".local.json")).isEqualTo(key); // stable
    }
}
