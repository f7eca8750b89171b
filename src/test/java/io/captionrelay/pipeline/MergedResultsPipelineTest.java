package io.captionrelay.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** relay.result.merge: one combined record per image from two tasks, beside each task's own. */
class MergedResultsPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = """
            {"id":"chatcmpl-7","object":"chat.completion","model":"test-vision","choices":[{"index":0,"finish_reason":"stop",
             "message":{"role":"assistant","content":"{\\"title\\":\\"Blue wall\\",\\"caption\\":\\"\\",\\"altText\\":\\"A plain blue wall.\\",\\"description\\":\\"A wall painted blue.\\",\\"tags\\":[\\"wall\\",\\"Blue\\"]}"}}]}""";

    @TempDir
    Path tmp;

    private final WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private RelayApp app;

    @BeforeEach
    void answer() {
        stub.start();
        stub.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ANSWER)));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        stub.stop();
    }

    @Test
    void should_deliver_one_merged_record_whose_fields_come_from_the_first_task_that_gave_them() throws Exception {
        app = new RelayApp(tmp).with("relay.providers", "local,openai").with("relay.result.merge", "true")
                .with("relay.result.merge.order", "openai,local")
                .with("relay.provider.openai.base-url", stub.baseUrl()).with("relay.provider.openai.model", "test-vision")
                .with("relay.provider.openai.api-key", "sk-test-0123456789").start();
        Path staged = tmp.resolve("staged.jpg");
        Files.write(staged, TestImages.jpeg(640, 480, Color.BLUE));
        Files.move(staged, app.inbox.resolve("wall.jpg"));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(app.inbox.resolve(".done/wall.jpg")));

        JsonNode local = JSON.readTree(app.outbox.resolve("wall.jpg.local.json").toFile());
        JsonNode merged = JSON.readTree(app.outbox.resolve("wall.jpg.merged.json").toFile());
        assertThat(merged.path("provider").asText()).isEqualTo("merged");
        assertThat(merged.path("title").asText()).as("openai is first in the order").isEqualTo("Blue wall");
        assertThat(merged.path("description").asText()).isEqualTo("A wall painted blue.");
        assertThat(merged.path("altText").asText()).isEqualTo("A plain blue wall.");
        assertThat(merged.path("caption").asText()).as("openai gave none: local's").isEqualTo(local.path("caption").asText());
        List<String> expectedTags = new ArrayList<>(List.of("wall", "Blue"));
        local.path("tags").forEach(t -> {
            if (!t.asText().equalsIgnoreCase("blue")) {
                expectedTags.add(t.asText());
            }
        });
        List<String> tags = new ArrayList<>();
        merged.path("tags").forEach(t -> tags.add(t.asText()));
        assertThat(tags).as("united, repeats ignoring case left out").containsExactlyElementsOf(expectedTags);
        assertThat(merged.at("/raw/mergedFrom/0/task").asText()).isEqualTo("openai");
        assertThat(merged.at("/raw/mergedFrom/0/fields").toString()).isEqualTo("[\"title\",\"description\",\"altText\",\"tags\"]");
        assertThat(merged.at("/raw/mergedFrom/1/task").asText()).isEqualTo("local");
        assertThat(merged.at("/raw/mergedFrom/1/fields").toString()).isEqualTo("[\"caption\",\"tags\"]");
        assertThat(app.count("SELECT COUNT(*) FROM image_caption WHERE provider = 'merged'")).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).as("the merged record is derived, not recorded").isEqualTo(2);
    }

    @Test
    void should_deliver_no_merged_record_unless_asked() throws Exception {
        app = new RelayApp(tmp).start();
        Path staged = tmp.resolve("staged.jpg");
        Files.write(staged, TestImages.jpeg(64, 48, Color.RED));
        Files.move(staged, app.inbox.resolve("red.jpg"));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(app.inbox.resolve(".done/red.jpg")));

        assertThat(app.outbox.resolve("red.jpg.local.json")).exists();
        assertThat(app.outbox.resolve("red.jpg.merged.json")).doesNotExist();
    }
}
