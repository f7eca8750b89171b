package io.captionrelay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.PackagedJar;
import io.captionrelay.testing.PackagedJar.Run;
import io.captionrelay.testing.TestImages;
import java.time.Duration;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch mode of the packaged jar at its limits: a provider that refuses, a small heap, a worker that never returns. */
class BatchLimitsIT {

    @TempDir
    Path work;

    private final WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    @AfterEach
    void stopStub() {
        stub.stop();
    }

    @Test
    void should_count_images_waiting_for_a_refused_key_as_pending_and_exit_3() throws Exception {
        stub.start();
        stub.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"error\":\"Invalid API key\",\"data\":null}")));
        PackagedJar.prepareWorkingFolder(work);
        for (int i = 0; i < 3; i++) {
            write("inbox/p" + i + ".jpg", TestImages.uniqueJpeg(i, 60, 40));
        }

        Run run = run("512m", Map.of("RELAY_PROVIDERS", "apiverve", "RELAY_PROVIDER_APIVERVE_BASE_URL", stub.baseUrl(),
                "RELAY_PROVIDER_APIVERVE_API_KEY", "pending-test-key-0123456789"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("failed 0, pending 3 (waiting for a provider)");
        assertThat(work.resolve("inbox/.failed")).doesNotExist();
        for (int i = 0; i < 3; i++) {
            String reason = Files.readString(work.resolve("inbox/.pending/p" + i + ".jpg.pending.json"));
            // one sentence: the provider's words once, never "stopped (… stopped (…"
            assertThat(reason.split("is stopped", -1).length).as(reason).isLessThanOrEqualTo(2);
            assertThat(reason).contains("Invalid API key");
        }
    }

    @Test
    void should_refuse_oversized_files_by_their_size_with_a_128_mb_heap_and_exit() throws Exception {
        PackagedJar.prepareWorkingFolder(work);
        for (int i = 0; i < 3; i++) {
            Path big = work.resolve("inbox/big" + i + ".jpg");
            Files.createDirectories(big.getParent());
            try (OutputStream out = Files.newOutputStream(big)) {
                byte[] chunk = new byte[1_000_000];
                for (int mb = 0; mb < 60; mb++) {
                    out.write(chunk);
                }
            }
            big.toFile().setLastModified(System.currentTimeMillis() - 10_000);
        }
        write("inbox/fine.jpg", TestImages.uniqueJpeg(7, 200, 150));

        Run run = run("128m", Map.of());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("described 1, skipped as already done 0, failed 3,");
        for (int i = 0; i < 3; i++) {
            assertThat(Files.readString(work.resolve("inbox/.failed/big" + i + ".jpg.error.json")))
                    .contains("\"errorClass\" : \"bad-input\"").contains("the file is larger than the limit of 50.0 MB");
        }
        assertThat(run.output()).doesNotContain("NullPointerException").doesNotContain("OutOfMemoryError");
    }

    @Test
    void should_give_up_on_a_stuck_image_and_exit_4_instead_of_hanging() throws Exception {
        stub.start();
        stub.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(600_000)));
        PackagedJar.prepareWorkingFolder(work);
        write("inbox/slow.jpg", TestImages.uniqueJpeg(3, 60, 40));

        Run run = run("512m", Map.of("RELAY_PROVIDERS", "apiverve", "RELAY_PROVIDER_APIVERVE_BASE_URL", stub.baseUrl(),
                "RELAY_PROVIDER_APIVERVE_API_KEY", "stuck-test-key-0123456789",
                "RELAY_PROVIDER_APIVERVE_RESPONSE_TIMEOUT", "900000", "RELAY_HEALTH_STUCK_AFTER", "3",
                "CAMEL_MAIN_SHUTDOWN_TIMEOUT", "2"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(4);
        assertThat(run.output()).contains("1 image(s) stuck").contains("file:slow.jpg");
        // given up: aside with its reason, nothing lost
        assertThat(work.resolve("inbox/.failed/slow.jpg")).exists();
        assertThat(Files.readString(work.resolve("inbox/.failed/slow.jpg.error.json"))).contains("\"reason\" : \"stuck, in route ")
                .contains("relay.health.stuck-after");
    }

    private Run run(String heap, Map<String, String> environment) throws Exception {
        ProcessBuilder command = PackagedJar.commandWithHeap(work, heap, "--batch");
        command.environment().putAll(environment);
        return PackagedJar.runToEnd(work, command, Duration.ofMinutes(2));
    }

    private void write(String relative, byte[] bytes) throws IOException {
        Path target = work.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
        target.toFile().setLastModified(System.currentTimeMillis() - 10_000);
    }

}
