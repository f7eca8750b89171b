package io.captionrelay.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaResponderTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

    @TempDir
    Path tmp;

    private final LinkSigner signer = new LinkSigner("r".repeat(32).getBytes(StandardCharsets.UTF_8));
    private final PreparedImage gif = new PreparedImage(TestImages.write(TestImages.picture(4, 4), "gif"),
            ImageFormat.GIF, 4, 4, true);

    private MediaResponder responder(MediaFolder folder) {
        return new MediaResponder(new MediaLinkVerifier(signer), folder, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void should_serve_a_stored_image_with_its_type_and_remaining_lifetime() throws Exception {
        MediaFolder folder = new MediaFolder(tmp);
        MediaName name = folder.store(MediaName.of(gif).orElseThrow(), gif);
        String expires = Long.toString(NOW.getEpochSecond() + 900);

        MediaReply reply = responder(folder).answer(name.fileName(), expires, signer.signature(name.fileName(), expires));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(gif.bytes());
        assertThat(reply.headers()).containsEntry("Content-Type", "image/gif")
                .containsEntry("Cache-Control", "private, max-age=900")
                .containsEntry("X-Content-Type-Options", "nosniff");
    }

    @Test
    void should_answer_404_for_a_valid_link_whose_file_is_gone() throws Exception {
        String name = "e".repeat(64) + ".webp";
        String expires = Long.toString(NOW.getEpochSecond() + 60);

        MediaReply reply = responder(new MediaFolder(tmp)).answer(name, expires, signer.signature(name, expires));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.headers()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void should_answer_403_for_forged_or_expired_links_and_404_for_malformed_names() throws Exception {
        MediaFolder folder = new MediaFolder(tmp);
        MediaName name = folder.store(MediaName.of(gif).orElseThrow(), gif);
        String past = Long.toString(NOW.getEpochSecond() - 1);
        String future = Long.toString(NOW.getEpochSecond() + 60);
        MediaResponder responder = responder(folder);

        assertThat(responder.answer(name.fileName(), past, signer.signature(name.fileName(), past)).status()).isEqualTo(403);
        assertThat(responder.answer(name.fileName(), future, "forged").status()).isEqualTo(403);
        assertThat(responder.answer(name.fileName(), null, null).status()).isEqualTo(403);
        assertThat(responder.answer("../" + name.fileName(), future, signer.signature("../" + name.fileName(), future))
                .status()).isEqualTo(404);
    }

    @Test
    void should_not_follow_a_symbolic_link_planted_in_the_media_folder() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET");
        Path media = Files.createDirectories(tmp.resolve("media"));
        String name = "d".repeat(64) + ".png";
        Files.createSymbolicLink(media.resolve(name), secret);
        String expires = Long.toString(NOW.getEpochSecond() + 60);

        MediaReply reply = responder(new MediaFolder(media)).answer(name, expires, signer.signature(name, expires));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).doesNotContain("TOP-SECRET");
    }
}
