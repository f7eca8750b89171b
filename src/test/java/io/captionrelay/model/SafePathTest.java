package io.captionrelay.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SafePathTest {

    private static final String HASH = "~[0-9a-f]{10}";

    @Test
    void should_drop_parent_and_current_segments() {
        assertThat(SafePath.of("../../etc/passwd.jpg")).matches("etc/passwd" + HASH + "\\.jpg");
        assertThat(SafePath.of("a/./b/../c.png")).matches("a/b/c" + HASH + "\\.png");
        assertThat(SafePath.of("..\\..\\windows\\x.jpg")).matches("windows/x" + HASH + "\\.jpg");
    }

    @Test
    void should_never_be_absolute_or_empty() {
        assertThat(SafePath.of("/abs/olute.jpg")).matches("abs/olute" + HASH + "\\.jpg");
        assertThat(SafePath.of("")).matches("unnamed" + HASH);
        assertThat(SafePath.of("../..")).matches("unnamed" + HASH);
        assertThat(SafePath.of(null)).matches("unnamed" + HASH);
    }

    @Test
    void should_strip_control_characters_and_drive_colons() {
        assertThat(SafePath.of("C:/evil\u0000name\n.jpg")).matches("C/evilname" + HASH + "\\.jpg");
    }

    @Test
    void should_give_names_that_differ_only_in_what_is_stripped_paths_of_their_own() {
        List<String> names = List.of("ab.jpg", "a:b.jpg", "a::b.jpg", ":ab.jpg", "ab:.jpg", "a\u0001b.jpg", "a\u0007b.jpg",
                "a\nb.jpg", "a\rb.jpg", "a\tb.jpg", "a\u007fb.jpg", " ab.jpg", "a\\b.jpg", "a/b.jpg", "/ab.jpg", "x/../ab.jpg");
        Set<String> paths = names.stream().map(SafePath::of).collect(Collectors.toSet());
        assertThat(paths).hasSize(names.size());
        assertThat(SafePath.of("ab.jpg")).isEqualTo("ab.jpg");
        assertThat(SafePath.of("a:b.jpg")).isEqualTo(SafePath.of("a:b.jpg")).matches("ab" + HASH + "\\.jpg");
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
