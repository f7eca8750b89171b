package io.captionrelay.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaFolderTest {

    @TempDir
    Path tmp;

    private final PreparedImage png = new PreparedImage(TestImages.write(TestImages.picture(20, 10), "png"),
            ImageFormat.PNG, 20, 10, true);

    @Test
    void should_store_under_the_content_name_and_read_it_back() throws Exception {
        MediaFolder folder = new MediaFolder(tmp.resolve("media"));
        MediaName name = MediaName.of(png).orElseThrow();

        folder.store(name, png);

        assertThat(folder.read(name)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(png.bytes()));
        try (Stream<Path> files = Files.list(tmp.resolve("media"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(name.fileName());
        }
    }

    @Test
    void should_read_nothing_for_a_name_not_stored() throws Exception {
        MediaFolder folder = new MediaFolder(tmp.resolve("media"));

        assertThat(folder.read(MediaName.parse("f".repeat(64) + ".jpg").orElseThrow())).isEmpty();
    }

    @Test
    void should_renew_the_age_of_a_file_stored_again() throws Exception {
        MediaFolder folder = new MediaFolder(tmp);
        MediaName name = folder.store(MediaName.of(png).orElseThrow(), png);
        Path file = tmp.resolve(name.fileName());
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        folder.store(name, png);

        assertThat(folder.deleteOlderThan(Instant.now().minus(Duration.ofDays(1)))).isZero();
        assertThat(file).exists();
    }

    @Test
    void should_delete_only_media_files_and_leftovers_past_the_cutoff() throws Exception {
        MediaFolder folder = new MediaFolder(tmp);
        Instant old = Instant.now().minus(Duration.ofDays(2));
        Path oldMedia = aged(tmp.resolve("a".repeat(64) + ".jpg"), old);
        Path oldPartial = aged(tmp.resolve(".partial-123.tmp"), old);
        Path oldOther = aged(tmp.resolve("notes.txt"), old);
        Path freshMedia = tmp.resolve(folder.store(MediaName.of(png).orElseThrow(), png).fileName());

        int deleted = folder.deleteOlderThan(Instant.now().minus(Duration.ofDays(1)));

        assertThat(deleted).isEqualTo(2);
        assertThat(oldMedia).doesNotExist();
        assertThat(oldPartial).doesNotExist();
        assertThat(oldOther).exists();
        assertThat(freshMedia).exists();
    }

    @Test
    void should_clean_up_nothing_when_the_folder_does_not_exist_yet() throws Exception {
        assertThat(new MediaFolder(tmp.resolve("absent")).deleteOlderThan(Instant.now())).isZero();
    }

    private static Path aged(Path file, Instant time) throws Exception {
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(time));
        return file;
    }
}
