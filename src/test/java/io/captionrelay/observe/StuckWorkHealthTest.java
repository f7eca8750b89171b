package io.captionrelay.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker that never comes back (a provider call that never answers) turns health DOWN, naming the image. */
class StuckWorkHealthTest {

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

    @Test
    void should_report_down_while_an_image_is_stuck_in_flight() throws Exception {
        stub.start();
        stub.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(600_000)));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        app = new RelayApp(tmp).with("camel.management.port", Integer.toString(port))
                .with("camel.main.shutdown-timeout", "1")
                .with("relay.providers", "apiverve")
                .with("relay.provider.apiverve.base-url", stub.baseUrl())
                .with("relay.provider.apiverve.api-key", "stuck-health-key-0123456789")
                .with("relay.provider.apiverve.response-timeout", "900000")
                .with("relay.health.stuck-after", "2")
                .start();
        await().atMost(Duration.ofSeconds(30)).until(() -> health(port).statusCode() == 200);

        Path staged = tmp.resolve("staged.jpg");
        Files.write(staged, TestImages.uniqueJpeg(5, 40, 40));
        Files.move(staged, app.inbox.resolve("hung.jpg"));
        await().atMost(Duration.ofSeconds(30)).until(() -> stub.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl())).size() == 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> health(port).statusCode() == 503);
        HttpResponse<String> details = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/observe/health?data=true")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(details.body()).contains("stuck-work").contains("DOWN").contains("file:hung.jpg");
    }

    private static HttpResponse<String> health(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
