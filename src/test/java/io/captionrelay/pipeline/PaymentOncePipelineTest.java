package io.captionrelay.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.testing.InboxDrop;
import io.captionrelay.testing.RelayApp;
import io.captionrelay.testing.TestImages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payment once, through the whole application against a strict imagedescriber stub: a call that got no answer in
 * time (the stub answers after the response timeout) is parked or retried as {@code on-ambiguous} says, and counted;
 * a retry sends the same bytes and headers; two files whose prepared bytes are the same cost one call.
 */
class PaymentOncePipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "id-key-0123456789abcdef";
    private static final String PATH = "/api/v1/generate_content";
    private static final String ANSWER = "{\"code\":0,\"message\":\"success\",\"request_id\":\"req-1\","
            + "\"data\":{\"content\":\"# A square\\n\\nA plain square.\"}}";
    private static final int TIMEOUT_MS = 2000;

    @TempDir
    Path tmp;

    private final WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private RelayApp app;

    @BeforeEach
    void startStub() throws Exception {
        stub.start();
        // a first request to a cold server can take longer than the timeout under test: warm it (not journalled)
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(stub.baseUrl() + "/__admin/mappings")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        stub.stop();
    }

    /** Only a request of the documented form is answered (anything else gets WireMock's 404). */
    private static com.github.tomakehurst.wiremock.client.MappingBuilder documented() {
        return post(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(containing("\"image\":\"data:image/"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(ANSWER);
    }

    private RelayApp app(String onAmbiguous) {
        return new RelayApp(tmp).with("relay.providers", "imagedescriber")
                .with("relay.provider.imagedescriber.base-url", stub.baseUrl())
                .with("relay.provider.imagedescriber.api-key", KEY)
                .with("relay.provider.imagedescriber.quota", "6000/1m")
                .with("relay.provider.imagedescriber.response-timeout", Integer.toString(TIMEOUT_MS))
                .with("relay.provider.imagedescriber.on-ambiguous", onAmbiguous)
                .with("relay.pending.poll-interval", "100")
                .with("relay.retry.transient.initial-delay", "10");
    }

    @Test
    void should_park_an_image_whose_call_got_no_answer_in_time_and_never_send_it_again() throws Exception {
        stub.stubFor(documented().willReturn(ok().withFixedDelay(TIMEOUT_MS * 3)));
        app = app("park").start();
        drop("slow.jpg", TestImages.jpeg(60, 40, java.awt.Color.RED));

        Path record = app.inbox.resolve(".pending/slow.jpg.pending.json");
        await().atMost(WAIT).until(() -> Files.exists(record) && Files.exists(app.inbox.resolve(".pending/slow.jpg")));
        JsonNode why = JSON.readTree(record.toFile());
        assertThat(why.path("errorClass").asText()).isEqualTo("ambiguous");
        assertThat(why.path("mayBeCharged").asBoolean()).isTrue();
        assertThat(why.path("provider").asText()).isEqualTo("imagedescriber");
        assertThat(why.path("reason").asText()).contains("may already have charged it").contains("on-ambiguous=park");
        assertThat(ambiguousCalls()).isEqualTo(1.0);
        // many looks at the pending area later, the image is still parked and the provider was called once
        await().during(Duration.ofMillis(1000)).atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".pending/slow.jpg"))
                && stub.findAll(postRequestedFor(urlEqualTo(PATH))).size() == 1);
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).isZero();
    }

    @Test
    void should_count_an_ambiguous_call_that_is_retried_and_send_every_retry_byte_for_byte_the_same() throws Exception {
        // a server error whose answer names a charset, then no answer in time, then the answer
        stub.stubFor(documented().inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody("{\"code\":5050,\"message\":\"internal error\",\"request_id\":\"req-0\"}"))
                .willSetStateTo("slow"));
        stub.stubFor(documented().inScenario("flaky").whenScenarioStateIs("slow")
                .willReturn(ok().withFixedDelay(TIMEOUT_MS * 3)).willSetStateTo("answering"));
        stub.stubFor(documented().inScenario("flaky").whenScenarioStateIs("answering").willReturn(ok()));
        app = app("retry").start();
        drop("twice.jpg", TestImages.jpeg(60, 40, java.awt.Color.BLUE));

        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/twice.jpg")));
        JsonNode result = JSON.readTree(app.outbox.resolve("twice.jpg.imagedescriber.json").toFile());
        assertThat(result.path("usage").path("ambiguousCalls").asInt()).isEqualTo(1);
        assertThat(ambiguousCalls()).isEqualTo(1.0);

        List<LoggedRequest> sent = stub.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(sent).hasSize(3);
        for (LoggedRequest retry : sent.subList(1, 3)) {
            assertThat(headers(retry)).isEqualTo(headers(sent.get(0)));
            assertThat(retry.getHeader("Content-Type")).isEqualTo("application/json");
            assertThat(retry.getBody()).isEqualTo(sent.get(0).getBody());
        }
    }

    @Test
    void should_pay_once_for_two_files_whose_prepared_bytes_are_the_same() throws Exception {
        stub.stubFor(documented().willReturn(ok()));
        app = app("retry").start();
        java.awt.image.BufferedImage pixels = TestImages.grainyPicture(64, 48, 7);
        byte[] tiff = TestImages.write(pixels, "tiff");
        byte[] bmp = TestImages.write(pixels, "bmp");
        assertThat(tiff).isNotEqualTo(bmp);

        drop("same.tiff", tiff);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/same.tiff")));
        drop("same.bmp", bmp);
        await().atMost(WAIT).until(() -> Files.exists(app.inbox.resolve(".done/same.bmp")));

        stub.verify(1, postRequestedFor(urlEqualTo(PATH)));
        JsonNode second = JSON.readTree(app.outbox.resolve("same.bmp.imagedescriber.json").toFile());
        JsonNode first = JSON.readTree(app.outbox.resolve("same.tiff.imagedescriber.json").toFile());
        assertThat(second.path("description").asText()).isEqualTo(first.path("description").asText()).isNotBlank();
        assertThat(second.path("usage").path("reusedFromImage").asText()).isEqualTo(first.path("imageSha256").asText());
        assertThat(second.path("imageSha256").asText()).isNotEqualTo(first.path("imageSha256").asText());
        assertThat(app.count("SELECT COUNT(*) FROM caption_ledger")).isEqualTo(2);
        assertThat(app.count("SELECT COUNT(*) FROM prepared_image")).isEqualTo(1);
    }

    private double ambiguousCalls() {
        MeterRegistry registry = app.context().getRegistry().findSingleByType(MeterRegistry.class);
        Counter counter = registry.find("captionrelay.provider.ambiguous.calls").tag("task", "imagedescriber").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, List<String>> headers(LoggedRequest request) {
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpHeader header : request.getHeaders().all()) {
            all.put(header.key(), header.values());
        }
        return all;
    }

    private void drop(String relative, byte[] bytes) throws IOException {
        InboxDrop.put(tmp.resolve("inbox"), relative, bytes);
    }
}
