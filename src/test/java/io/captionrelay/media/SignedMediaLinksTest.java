package io.captionrelay.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ImageJob;
import io.captionrelay.testing.TestImages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedMediaLinksTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00.250Z");
    private static final Pattern LINK = Pattern.compile(
            "https://relay\\.example\\.com/base/media/([0-9a-f]{64})\\.jpg\\?expires=(\\d+)&sig=([A-Za-z0-9_-]{43})");

    @TempDir
    Path tmp;

    private final LinkSigner signer = new LinkSigner("m".repeat(32).getBytes(StandardCharsets.UTF_8));
    private final byte[] jpeg = TestImages.write(TestImages.picture(32, 24), "jpg");
    private final ImageJob job = new ImageJob("file:trip/a.jpg", "trip/a.jpg", jpeg);

    private SignedMediaLinks links() {
        return new SignedMediaLinks("https://relay.example.com/base", new MediaFolder(tmp), signer,
                Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void should_store_the_bytes_and_link_them_by_content_hash_with_a_signed_expiry() throws Exception {
        URI url = links().urlFor(job, new PreparedImage(jpeg, ImageFormat.JPEG, 32, 24, true), Duration.ofMinutes(15));

        Matcher m = LINK.matcher(url.toString());
        assertThat(m.matches()).as(url.toString()).isTrue();
        assertThat(m.group(1)).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg)));
        assertThat(Long.parseLong(m.group(2))).as("rounded up, never shorter than asked")
                .isEqualTo(NOW.plusSeconds(15 * 60).getEpochSecond() + 1);
        assertThat(signer.matches(m.group(1) + ".jpg", m.group(2), m.group(3))).isTrue();
        assertThat(Files.readAllBytes(tmp.resolve(m.group(1) + ".jpg"))).isEqualTo(jpeg);
    }

    @Test
    void should_give_the_same_name_for_the_same_bytes() throws Exception {
        PreparedImage image = new PreparedImage(jpeg, ImageFormat.JPEG, 32, 24, true);

        String first = links().urlFor(job, image, Duration.ofMinutes(1)).getPath();
        String second = links().urlFor(new ImageJob("file:other.jpg", "other.jpg", jpeg), image, Duration.ofMinutes(1)).getPath();

        assertThat(second).isEqualTo(first);
        try (var files = Files.list(tmp)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void should_refuse_formats_that_are_not_served_by_link() {
        PreparedImage bmp = new PreparedImage(new byte[] {'B', 'M', 0, 0}, ImageFormat.BMP, 1, 1, true);

        assertThatThrownBy(() -> links().urlFor(job, bmp, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(RelayException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.BAD_INPUT));
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void should_refuse_a_ttl_longer_than_files_are_kept() {
        PreparedImage image = new PreparedImage(jpeg, ImageFormat.JPEG, 32, 24, true);

        assertThatThrownBy(() -> links().urlFor(job, image, Duration.ofHours(25))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links().urlFor(job, image, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_report_a_media_folder_that_cannot_be_written_as_transient() throws Exception {
        Path blocked = Files.writeString(tmp.resolve("a-file"), "not a folder");
        SignedMediaLinks links = new SignedMediaLinks("http://localhost:8080", new MediaFolder(blocked.resolve("media")),
                signer, Duration.ofHours(1), Clock.systemUTC());

        assertThatThrownBy(() -> links.urlFor(job, new PreparedImage(jpeg, ImageFormat.JPEG, 32, 24, true), Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(RelayException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.TRANSIENT));
    }
}
