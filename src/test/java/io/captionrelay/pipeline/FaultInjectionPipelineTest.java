package io.captionrelay.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.FaultInjector;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch against a provider that fails 10% of calls with HTTP 500, drops 5% of connections, answers
 * 5% too slowly and sends a burst of 429s: every image is still described, each exactly once.
 */
class FaultInjectionPipelineTest {

    private static final int IMAGES = 40;

    @TempDir
    Path tmp;

    private final FaultInjector faults = new FaultInjector(1500, 25);
    private final WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .extensions(faults).containerThreads(30));
    private RelayApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        stub.stop();
    }

    @Test
    void should_describe_every_image_exactly_once_through_errors_drops_timeouts_and_rate_limits() throws Exception {
        stub.start();
        stub.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"c\",\"choices\":[{\"finish_reason\":\"stop\",\"message\":{\"content\":\"Fine\\n\\nA fine picture.\"}}]}")));
        for (int i = 0; i < IMAGES; i++) {
            Path image = tmp.resolve("inbox/faults/f" + i + ".jpg");
            Files.createDirectories(image.getParent());
            Files.write(image, TestImages.uniqueJpeg(i, 48, 32));
        }
        app = new RelayApp(tmp).with("relay.providers", "openai")
                .with("relay.provider.openai.base-url", stub.baseUrl())
                .with("relay.provider.openai.model", "test-vision")
                .with("relay.provider.openai.api-key", "sk-test-0123456789")
                .with("relay.provider.openai.response-timeout", "500")
                .with("relay.provider.openai.quota", "1000/1s")
                .with("relay.provider.openai.max-in-flight", "8")
                .with("relay.pipeline.workers", "4")
                .with("relay.retry.transient.max-retries", "6")
                .with("relay.retry.transient.initial-delay", "20")
                .with("relay.retry.transient.max-delay", "200")
                .start();

        await().atMost(Duration.ofSeconds(90)).until(() -> app.progress().doneCount() == IMAGES);

        assertThat(app.progress().failedCount()).isZero();
        assertThat(count(app.inbox.resolve(".done/faults"))).isEqualTo(IMAGES);
        assertThat(app.inbox.resolve(".failed")).doesNotExist();
        assertThat(app.inbox.resolve(".pending")).doesNotExist();
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(IMAGES);
        assertThat(app.count("SELECT COUNT(DISTINCT image_sha256) FROM image_caption")).isEqualTo(IMAGES);
        assertThat(app.count("SELECT COUNT(*) FROM image_caption")).isEqualTo(IMAGES);
        assertThat(app.progress().describedCount()).isEqualTo(IMAGES);
        assertThat(faults.requests()).isGreaterThan(IMAGES + 5); // the faults really happened and were retried
    }

    private static long count(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jpg")).count();
        }
    }
}
