package io.captionrelay.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.InboxDrop;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The drop folder with a remote provider (the OpenAI-compatible one, against a stub). */
class RemoteProviderPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int IMAGES = 6;
    private static final String GOOD_KEY = "sk-good-0123456789abcdef";
    private static final String BAD_KEY = "sk-revoked-9876543210fedcba";
    private static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop",
             "message":{"role":"assistant","content":"A red square\\n\\nA plain red square on nothing at all."}}],
             "usage":{"prompt_tokens":10,"completion_tokens":12,"total_tokens":22}}""";

    @TempDir
    Path tmp;

    private final WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private RelayApp app;

    @BeforeEach
    void startStub() {
        stub.start();
        stub.stubFor(post("/v1/chat/completions").withHeader("Authorization", equalTo("Bearer " + GOOD_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(COMPLETION)));
        stub.stubFor(post("/v1/chat/completions").withHeader("Authorization", equalTo("Bearer " + BAD_KEY))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + BAD_KEY + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        stub.stop();
    }

    private RelayApp app(String key) {
        return new RelayApp(tmp).with("relay.providers", "local,openai")
                .with("relay.provider.openai.base-url", stub.baseUrl())
                .with("relay.provider.openai.model", "test-vision")
                .with("relay.provider.openai.api-key", key)
                .with("relay.retry.transient.initial-delay", "10");
    }

    @Test
    void should_complete_an_image_only_once_every_provider_has_delivered() throws Exception {
        app = app(GOOD_KEY).start();
        drop("shapes/red.jpg", TestImages.jpeg(120, 80, java.awt.Color.RED));

        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/shapes/red.jpg")));
        JsonNode remote = JSON.readTree(app.outbox.resolve("shapes/red.jpg.openai.json").toFile());
        assertThat(remote.path("provider").asText()).isEqualTo("openai");
        assertThat(remote.path("title").asText()).isEqualTo("A red square");
        assertThat(remote.path("providerRequestId").asText()).isEqualTo("chatcmpl-1");
        assertThat(remote.path("usage").path("total_tokens").asInt()).isEqualTo(22);
        assertThat(app.outbox.resolve("shapes/red.jpg.local.json")).exists();
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(2);
        stub.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_fail_an_image_whose_content_the_provider_refuses() throws Exception {
        stub.stubFor(post("/v1/chat/completions").atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Your request was rejected\",\"type\":\"invalid_request_error\",\"code\":\"content_policy_violation\"}}")));
        app = app(GOOD_KEY).start();
        drop("blocked.jpg", TestImages.jpeg(60, 60, java.awt.Color.GREEN));

        Path record = app.inbox.resolve(".failed/blocked.jpg.error.json");
        await().atMost(WAIT).until(() -> Files.exists(record) && Files.exists(app.inbox.resolve(".failed/blocked.jpg")));
        assertThat(JSON.readTree(record.toFile()).path("errorClass").asText()).isEqualTo("refused-content");
        stub.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))); // never retried
    }

    @Test
    void should_keep_images_pending_while_the_key_is_refused_and_describe_them_once_it_is_fixed() throws Exception {
        app = app(BAD_KEY).with("relay.provider.openai.max-in-flight", "2").start();
        for (int i = 0; i < IMAGES; i++) {
            drop("queue/p" + i + ".jpg", TestImages.uniqueJpeg(i, 64, 48));
        }

        await().atMost(WAIT).until(() -> countImages(app.inbox.resolve(".pending/queue")) == IMAGES);
        JsonNode why = JSON.readTree(app.inbox.resolve(".pending/queue/p0.jpg.pending.json").toFile());
        assertThat(why.path("errorClass").asText()).isEqualTo("auth");
        assertThat(app.inbox.resolve(".failed")).doesNotExist();
        // the circuit stopped the rest: only calls already in flight (at most max-in-flight) reached the provider
        int refused = stub.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();
        assertThat(refused).isBetween(1, 2);
        long localDescribed = app.progress().describedCount();
        app.stop();

        app = app(GOOD_KEY).start(); // the key is fixed; pending images are fed back at start
        await().atMost(WAIT).until(() -> countImages(app.inbox.resolve(".done/queue")) == IMAGES);
        assertThat(countImages(app.inbox.resolve(".pending/queue"))).isZero();
        assertThat(app.inbox.resolve(".pending/queue/p0.jpg.pending.json")).doesNotExist();
        assertThat(app.count("SELECT COUNT(*) FROM image_caption WHERE provider = 'openai'")).isEqualTo(IMAGES);
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger WHERE provider = 'local'")).isEqualTo(IMAGES);
        assertThat(localDescribed).isZero(); // nothing counted as described while the image was pending
        stub.verify(refused + IMAGES, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_probe_a_stopped_provider_and_feed_its_pending_images_back_once_it_answers_without_a_restart() throws Exception {
        // the provider refuses the key (say it was suspended), then accepts it again
        var refusing = stub.stubFor(post("/v1/chat/completions").atPriority(1).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Your key is suspended\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
        app = app(GOOD_KEY).with("relay.provider.openai.max-in-flight", "2")
                .with("relay.circuit.probe-after", "1500").with("relay.pending.poll-interval", "200").start();
        for (int i = 0; i < IMAGES; i++) {
            drop("queue/p" + i + ".jpg", TestImages.uniqueJpeg(i, 64, 48));
        }
        await().atMost(WAIT).until(() -> countImages(app.inbox.resolve(".pending/queue")) == IMAGES);
        JsonNode why = JSON.readTree(app.inbox.resolve(".pending/queue/p0.jpg.pending.json").toFile());
        assertThat(why.path("errorClass").asText()).isEqualTo("auth");
        assertThat(why.path("provider").asText()).isEqualTo("openai");
        assertThat(why.path("task").asText()).isEqualTo("openai");

        // while the key is refused, only the first calls and one probe per probe period reach the provider
        await().atMost(WAIT).until(() -> status(401) >= 3);
        assertThat(countImages(app.inbox.resolve(".failed"))).isZero();
        stub.removeStub(refusing);

        // the next probe is answered: the circuit closes and every pending image is described, once, without a restart
        await().atMost(WAIT).until(() -> countImages(app.inbox.resolve(".done/queue")) == IMAGES);
        assertThat(countImages(app.inbox.resolve(".pending/queue"))).isZero();
        assertThat(app.inbox.resolve(".pending/queue/p0.jpg.pending.json")).doesNotExist();
        assertThat(app.count("SELECT COUNT(*) FROM image_caption WHERE provider = 'openai'")).isEqualTo(IMAGES);
        assertThat(status(200)).isEqualTo(IMAGES);
        assertThat(app.context().getRegistry().lookupByNameAndType(io.captionrelay.config.RelayConfiguration.CIRCUITS, io.captionrelay.provider.ProviderCircuits.class)
                .isOpen("openai")).isFalse();
    }

    private long status(int status) {
        return stub.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == status).count();
    }

    @Test
    void should_never_print_a_key_in_logs_records_or_endpoint_uris() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            app = app(BAD_KEY).start();
            drop("secret.jpg", TestImages.jpeg(40, 40, java.awt.Color.BLUE));
            await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".pending/secret.jpg")));

            assertThat(logs.list).isNotEmpty();
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(BAD_KEY));
            assertThat(logs.list).filteredOn(e -> e.getThrowableProxy() != null)
                    .extracting(e -> e.getThrowableProxy().getMessage()).noneMatch(m -> m != null && m.contains(BAD_KEY));
            try (Stream<Path> files = Files.walk(app.inbox)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(BAD_KEY);
                }
            }
            assertThat(app.context().getEndpoints()).extracting(Endpoint::getEndpointUri).noneMatch(u -> u.contains(BAD_KEY));
        } finally {
            root.detachAppender(logs);
        }
    }

    private void drop(String relative, byte[] bytes) throws IOException {
        InboxDrop.put(tmp.resolve("inbox"), relative, bytes);
    }

    private static long countImages(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jpg")).count();
        }
    }
}
