package io.captionrelay.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.captionrelay.testing.InboxDrop;
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

/** What an operator sees on the management port: metrics for Prometheus, and each provider's health. */
class ObservabilityTest {

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
    void should_expose_provider_calls_and_report_a_stopped_provider_as_down() throws Exception {
        stub.start();
        stub.stubFor(post("/v1/imagecaption").withHeader("X-API-Key", equalTo("good-key-0123456789"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("X-RateLimit-Remaining", "9").withHeader("X-RateLimit-Reset", "30")
                        .withBody("{\"status\":\"ok\",\"error\":null,\"data\":{\"caption\":\"ok\"}}")));
        int port = freePort();
        app = new RelayApp(tmp).with("camel.management.port", Integer.toString(port))
                .with("relay.providers", "apiverve")
                .with("relay.provider.apiverve.base-url", stub.baseUrl())
                .with("relay.provider.apiverve.api-key", "good-key-0123456789")
                .start();
        drop("one.jpg", TestImages.jpeg(30, 30, java.awt.Color.RED));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(app.inbox.resolve(".done/one.jpg")));

        String metrics = get(port, "/observe/metrics").body();
        assertThat(metrics).containsPattern("captionrelay_provider_calls_total\\{.*outcome=\"ok\".*task=\"apiverve\".*} 1\\.0");
        assertThat(metrics).contains("captionrelay_provider_latency_seconds_count").contains("captionrelay_quota_wait_seconds");
        assertThat(metrics).containsPattern("captionrelay_provider_circuit_open\\{.*provider=\"apiverve\".*} 0\\.0");
        // the paid call at APIVerve's documented price, per key fingerprint (never the key), today and this month
        String key = io.captionrelay.model.KeyMask.fingerprint(new io.captionrelay.model.Secret("good-key-0123456789"));
        assertThat(metrics).containsPattern("captionrelay_spend_credits\\{key=\"" + key + "\",period=\"day\",task=\"apiverve\"} 10\\.0")
                .containsPattern("captionrelay_spend_credits\\{key=\"" + key + "\",period=\"month\",task=\"apiverve\"} 10\\.0")
                .doesNotContain("good-key-0123456789");
        assertThat(get(port, "/observe/health").body()).contains("UP");
        // while everything is UP, ?data=true still shows each check's details (camel.health.exposure-level=full)
        assertThat(get(port, "/observe/health?data=true").body()).contains("\"circuit\":\"closed\"")
                .contains("apiverve.quota.available");

        // now the provider refuses the key: its circuit opens, health says DOWN, metrics say 1
        stub.resetAll();
        stub.stubFor(post("/v1/imagecaption").willReturn(aResponse().withStatus(401)
                .withBody("{\"status\":\"error\",\"error\":\"invalid key\"}")));
        drop("two.jpg", TestImages.jpeg(30, 31, java.awt.Color.RED));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(app.inbox.resolve(".pending/two.jpg")));

        HttpResponse<String> health = get(port, "/observe/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("DOWN");
        // with ?data=true each check shows its details: the circuit, when it is probed next, the quota left
        assertThat(get(port, "/observe/health?data=true").body()).contains("\"circuit\":\"open\"")
                .contains("circuit.next.probe.seconds").contains("apiverve.quota.available");
        assertThat(get(port, "/observe/metrics").body())
                .containsPattern("captionrelay_provider_circuit_open\\{.*provider=\"apiverve\".*} 1\\.0")
                .containsPattern("captionrelay_provider_calls_total\\{.*outcome=\"auth\".*task=\"apiverve\".*} 1\\.0");
    }

    private void drop(String name, byte[] bytes) throws Exception {
        InboxDrop.put(tmp.resolve("inbox"), name, bytes);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
