package io.captionrelay.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping while images wait for quota: they stay in the inbox untouched, and nothing is paid twice. */
class GracefulShutdownTest {

    private static final int IMAGES = 5;

    @TempDir
    Path tmp;

    private final WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private RelayApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        stub.stop();
    }

    private RelayApp app(String quota) {
        return new RelayApp(tmp).with("relay.providers", "apiverve")
                .with("relay.provider.apiverve.base-url", stub.baseUrl())
                .with("relay.provider.apiverve.api-key", "shutdown-key-0123456789")
                .with("relay.provider.apiverve.quota", quota)
                .with("relay.pipeline.workers", "8")
                .with("camel.main.shutdown-timeout", "2");
    }

    @Test
    void should_leave_images_waiting_for_quota_untouched_and_finish_them_after_a_restart() throws Exception {
        stub.start();
        stub.stubFor(post("/v1/imagecaption").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"ok\",\"error\":null,\"data\":{\"caption\":\"patient\"}}")));
        byte[][] images = new byte[IMAGES][];
        for (int i = 0; i < IMAGES; i++) {
            images[i] = TestImages.uniqueJpeg(i, 40, 40);
            Path image = tmp.resolve("inbox/w" + i + ".jpg");
            Files.createDirectories(image.getParent());
            Files.write(image, images[i]);
        }
        app = app("1/1h").start(); // one call now, the rest wait for the next hour
        await().atMost(Duration.ofSeconds(30)).until(() -> app.progress().doneCount() == 1);
        app.stop();

        assertThat(tmp.resolve("inbox/.failed")).doesNotExist();
        assertThat(tmp.resolve("inbox/.pending")).doesNotExist();
        int waiting = 0;
        for (int i = 0; i < IMAGES; i++) {
            Path left = tmp.resolve("inbox/w" + i + ".jpg");
            if (Files.exists(left)) {
                assertThat(Files.readAllBytes(left)).isEqualTo(images[i]); // untouched
                waiting++;
            } else {
                assertThat(tmp.resolve("inbox/.done/w" + i + ".jpg")).exists();
            }
        }
        assertThat(waiting).isEqualTo(IMAGES - 1);
        stub.verify(1, postRequestedFor(urlEqualTo("/v1/imagecaption")));

        app = app("100/1s").start();
        await().atMost(Duration.ofSeconds(30)).until(() -> app.progress().doneCount() == IMAGES - 1);
        assertThat(app.progress().failedCount()).isZero();
        stub.verify(IMAGES, postRequestedFor(urlEqualTo("/v1/imagecaption"))); // each image paid once
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(IMAGES);
    }

    @Test
    void should_read_no_more_images_than_it_may_keep_in_progress_while_the_quota_holds_them_back() throws Exception {
        stub.start();
        stub.stubFor(post("/v1/imagecaption").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"ok\",\"error\":null,\"data\":{\"caption\":\"patient\"}}")));
        int images = 60;
        for (int i = 0; i < images; i++) {
            Path image = tmp.resolve("inbox/many/m" + i + ".jpg");
            Files.createDirectories(image.getParent());
            Files.write(image, TestImages.uniqueJpeg(i, 40, 40));
        }
        app = app("1/1h").with("relay.pipeline.max-in-progress", "5").start();
        // the first image counts as done just before it frees its place: the sixth image may still be on its way
        await().atMost(Duration.ofSeconds(30)).until(() -> app.progress().doneCount() == 1
                && app.context().getInflightRepository().size("provider-apiverve") == 5);

        // the source took in only the five it may keep in progress (then the one that made room); the rest are
        // not even listed, however many polls come while the quota holds the five back
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> app.context().getInflightRepository().size("source-drop-folder") <= 5);
        assertThat(app.context().getInflightRepository().size("pipeline-intake")).isEqualTo(5);
        assertThat(app.context().getInflightRepository().size("provider-apiverve")).isEqualTo(5);
        app.stop();
        try (var left = Files.list(tmp.resolve("inbox/many"))) {
            assertThat(left.filter(p -> p.toString().endsWith(".jpg")).count()).isEqualTo(images - 1);
        }
        stub.verify(1, postRequestedFor(urlEqualTo("/v1/imagecaption")));
    }
}
