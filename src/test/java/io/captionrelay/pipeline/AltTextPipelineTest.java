package io.captionrelay.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.model.AltText;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result's altText: filled by the local provider, fitted to the configured limit, the same in every record. */
class AltTextPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @AutoClose
    private RelayApp app;

    @Test
    void should_record_alt_text_within_the_configured_limit_in_the_sidecar_the_ledger_and_the_row() throws Exception {
        app = new RelayApp(tmp).with("relay.result.alt-text.max-length", "24").start();
        Files.createDirectories(app.inbox.resolve("trip"));
        Path staged = tmp.resolve("staged.jpg");
        Files.write(staged, TestImages.jpeg(640, 480, Color.BLUE));
        Files.move(staged, app.inbox.resolve("trip/lake.jpg"));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(app.inbox.resolve(".done/trip/lake.jpg")));

        JsonNode result = JSON.readTree(app.outbox.resolve("trip/lake.jpg.local.json").toFile());
        String caption = result.path("caption").asText();
        String altText = result.path("altText").asText();
        assertThat(caption.length()).as("the local caption is longer than the limit").isGreaterThan(24);
        assertThat(altText).isEqualTo(AltText.fit(caption, 24)).endsWith("…");
        assertThat(altText.length()).isLessThanOrEqualTo(24);
        assertThat(caption).startsWith(altText.substring(0, altText.length() - 1));
        assertThat(app.count("SELECT COUNT(*) FROM image_caption WHERE alt_text = '" + altText.replace("'", "''") + "'"))
                .isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger WHERE POSITION('\"altText\":\"" + altText + "\"' IN result_json) > 0"))
                .isEqualTo(1);
    }
}
