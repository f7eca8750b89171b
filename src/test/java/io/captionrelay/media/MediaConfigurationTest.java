package io.captionrelay.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ImageJob;
import io.captionrelay.testing.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class MediaConfigurationTest {

    private static final String KEY = "a-signing-key-that-is-long-enough-0123456789";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofHours(24);

    @TempDir
    Path tmp;

    private MediaConfiguration create(String baseUrl, Path media, Duration ttl, Duration retention, Optional<String> key) {
        return MediaConfiguration.create(baseUrl, media, tmp.resolve("inbox"), ttl, retention, Duration.ofMinutes(15), key);
    }

    @Test
    void should_link_under_the_public_base_url_without_doubling_slashes() throws Exception {
        MediaConfiguration media = create("https://relay.example.com/", tmp.resolve("media"), HOUR, DAY, Optional.of(KEY));
        byte[] png = TestImages.write(TestImages.picture(8, 8), "png");

        String url = media.links().urlFor(new ImageJob("file:a.png", "a.png", png),
                new PreparedImage(png, ImageFormat.PNG, 8, 8, true), media.ttl()).toString();

        assertThat(url).startsWith("https://relay.example.com/media/").contains(".png?expires=").contains("&sig=");
        assertThat(media.ttl()).isEqualTo(HOUR);
    }

    @Test
    void should_refuse_a_media_folder_overlapping_the_inbox() {
        assertThatThrownBy(() -> create("http://localhost:8080", tmp.resolve("inbox"), HOUR, DAY, Optional.of(KEY)))
                .hasMessageContaining("relay.media.dir");
        assertThatThrownBy(() -> create("http://localhost:8080", tmp.resolve("inbox/media"), HOUR, DAY, Optional.of(KEY)))
                .hasMessageContaining("relay.media.dir");
        assertThatThrownBy(() -> create("http://localhost:8080", tmp, HOUR, DAY, Optional.of(KEY)))
                .hasMessageContaining("relay.media.dir");
        assertThatThrownBy(() -> create("http://localhost:8080", tmp.resolve("media/../inbox"), HOUR, DAY, Optional.of(KEY)))
                .hasMessageContaining("relay.media.dir");
    }

    @Test
    void should_refuse_a_short_signing_key_without_showing_it() {
        assertThatThrownBy(() -> create("http://localhost:8080", tmp.resolve("media"), HOUR, DAY, Optional.of("short-secret")))
                .hasMessageContaining("relay.media.signing-key")
                .message().doesNotContain("short-secret");
    }

    @Test
    void should_refuse_links_that_outlive_their_files() {
        assertThatThrownBy(() -> create("http://localhost:8080", tmp.resolve("media"), DAY.plusSeconds(1), DAY, Optional.of(KEY)))
                .hasMessageContaining("relay.media.ttl");
        assertThatThrownBy(() -> create("http://localhost:8080", tmp.resolve("media"), Duration.ZERO, DAY, Optional.of(KEY)))
                .hasMessageContaining("relay.media.ttl");
    }

    @Test
    void should_refuse_base_urls_that_are_not_plain_http() {
        for (String bad : new String[] {"localhost:8080", "ftp://example.com", "https://example.com/?a=b",
                "https://user:pw@example.com", "https://example.com/#x", "not a url", ""}) {
            assertThatThrownBy(() -> create(bad, tmp.resolve("media"), HOUR, DAY, Optional.of(KEY)))
                    .as(bad).hasMessageContaining("relay.media.public-base-url");
        }
    }

    @Test
    void should_warn_that_a_generated_key_does_not_survive_a_restart() {
        Logger logger = (Logger) LoggerFactory.getLogger(MediaConfiguration.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            create("http://localhost:8080", tmp.resolve("media"), HOUR, DAY, Optional.empty());
            create("http://localhost:8080", tmp.resolve("media"), HOUR, DAY, Optional.of("   "));
        } finally {
            logger.detachAppender(logs);
        }

        assertThat(logs.list).hasSize(2).allSatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("relay.media.signing-key is not set").contains("restart"));
    }
}
