package io.captionrelay.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SafePathTest {

    @Test
    void should_drop_parent_and_current_segments() {
        assertThat(SafePath.of("../../etc/passwd.jpg")).isEqualTo("etc/passwd.jpg");
        assertThat(SafePath.of("a/./b/../c.png")).isEqualTo("a/b/c.png");
        assertThat(SafePath.of("..\\..\\windows\\x.jpg")).isEqualTo("windows/x.jpg");
    }

    @Test
    void should_never_be_absolute_or_empty() {
        assertThat(SafePath.of("/abs/olute.jpg")).isEqualTo("abs/olute.jpg");
        assertThat(SafePath.of("")).isEqualTo("unnamed");
        assertThat(SafePath.of("../..")).isEqualTo("unnamed");
        assertThat(SafePath.of(null)).isEqualTo("unnamed");
    }

    @Test
    void should_strip_control_characters_and_drive_colons() {
        assertThat(SafePath.of("C:/evil\u0000name\n.jpg")).isEqualTo("C/evilname.jpg");
    }

    @Test
    void should_keep_unicode_and_spaces() {
        assertThat(SafePath.of("ünï cödé/фото 📷.jpg")).isEqualTo("ünï cödé/фото 📷.jpg");
    }

    @Test
    void should_shorten_long_segments_to_unique_names_that_fit() {
        String a = SafePath.of("x".repeat(300) + "a.jpg");
        String b = SafePath.of("x".repeat(300) + "b.jpg");
        assertThat(a.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SafePath.MAX_SEGMENT_BYTES);
        assertThat(a).isNotEqualTo(b);
        String emoji = SafePath.of("📷".repeat(100));
        assertThat(emoji.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SafePath.MAX_SEGMENT_BYTES);
        assertThat(emoji).startsWith("📷");
    }

    @Test
    void should_stay_inside_any_root_it_is_resolved_against() {
        Path root = Path.of("/outbox");
        for (String hostile : new String[] {"../../x", "a/../../..", "/etc/shadow", "..%2f..", "....//x"}) {
            assertThat(root.resolve(SafePath.of(hostile)).normalize().startsWith(root)).as(hostile).isTrue();
        }
    }
}
