package io.captionrelay.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.InboxDrop;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fallback chain across a stopped provider: the images complete, described by the next task, without waiting. */
class FallbackPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private RelayApp app;

    @BeforeEach
    void refuseEveryKey() {
        stub.start();
        stub.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        stub.stop();
    }

    private void drop(String name, byte[] bytes) throws Exception {
        InboxDrop.put(app.inbox, name, bytes);
    }

    @Test
    void should_describe_with_the_next_task_when_the_provider_is_stopped_and_not_call_it_again() throws Exception {
        app = new RelayApp(tmp).with("relay.providers", "openai").with("relay.fallback.chains", "openai>local")
                .with("relay.provider.openai.base-url", stub.baseUrl()).with("relay.provider.openai.model", "test-vision")
                .with("relay.provider.openai.api-key", "sk-revoked-0123456789").start();

        drop("first.jpg", TestImages.uniqueJpeg(1, 80, 60));
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/first.jpg")));
        drop("second.jpg", TestImages.uniqueJpeg(2, 80, 60));
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/second.jpg")));

        for (String name : new String[] {"first.jpg", "second.jpg"}) {
            JsonNode result = JSON.readTree(app.outbox.resolve(name + ".local.json").toFile());
            assertThat(result.path("provider").asText()).as("the record says which provider described it").isEqualTo("local");
            assertThat(app.outbox.resolve(name + ".openai.json")).doesNotExist();
        }
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))))
                .as("the first image's call stopped openai; the second went straight to local").hasSize(1);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption WHERE provider = 'local'")).isEqualTo(2);
        try (var pending = Files.walk(app.inbox)) {
            assertThat(pending.filter(p -> p.toString().contains(".pending"))
                    .filter(Files::isRegularFile)).as("nothing waits for the stopped provider").isEmpty();
        }
    }

    @Test
    void should_refuse_a_chain_that_comes_back_to_itself() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FallbackChains.parse("openai>local,local>openai",
                        java.util.List.of(), names -> java.util.List.of()))
                .hasMessageContaining("relay.fallback.chains").hasMessageContaining("comes back to");
    }
}
