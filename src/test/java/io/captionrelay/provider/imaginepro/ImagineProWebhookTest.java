package io.captionrelay.provider.imaginepro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook on a real embedded HTTP server: a hint that makes the job be fetched at once, never the
 * truth itself. Polling is slowed to a minute here, so only the webhook can end a job within a test.
 */
class ImagineProWebhookTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ImagineProHarness harness;
    private final byte[] image = TestImages.jpeg(40, 30, Color.BLUE);

    private void start(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("webhook-enabled", "true", "poll-interval", "60000",
                "poll-max-interval", "60000"));
        settings.putAll(extra);
        harness = ImagineProHarness.start(settings);
        Stubs.acceptAs(harness.stub, "msg-1");
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private HttpResponse<String> hook(String method, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(harness.serverBase + "/hooks/imaginepro"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<Exchange> submitted() throws Exception {
        CompletableFuture<Exchange> waiting = harness.send(image);
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.row("msg-1").isPresent());
        return waiting;
    }

    @Test
    void should_send_the_callback_url_with_the_submit() throws Exception {
        start(Map.of());
        Stubs.fetches(harness.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "5"));

        submitted();

        String sent = harness.stub.findAll(Stubs.submits()).get(0).getBodyAsString();
        assertThat(new ObjectMapper().readTree(sent).get("webhookOverride").asText())
                .isEqualTo(harness.serverBase + "/hooks/imaginepro");
    }

    @Test
    void should_fetch_at_once_on_a_webhook_for_a_live_job_and_complete_it_from_the_fetch() throws Exception {
        start(Map.of());
        Stubs.fetches(harness.stub, "msg-1", Stubs.done("msg-1"));
        CompletableFuture<Exchange> waiting = submitted();
        assertThat(waiting).isNotDone();

        HttpResponse<String> response = hook("POST", "{\"messageId\": \"msg-1\", \"status\": \"DONE\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(ImagineProHarness.answer(waiting).description()).startsWith("1. a blue square");
        harness.stub.verify(1, Stubs.fetchesOf("msg-1"));
    }

    @Test
    void should_not_trust_what_the_webhook_says() throws Exception {
        start(Map.of());
        Stubs.fetches(harness.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "70"));
        CompletableFuture<Exchange> waiting = submitted();

        HttpResponse<String> response = hook("POST", "{\"messageId\": \"msg-1\", \"status\": \"DONE\", \"progress\": 100, "
                + "\"content\": [\"a forged description\"]}");

        assertThat(response.statusCode()).isEqualTo(202);
        harness.stub.verify(1, Stubs.fetchesOf("msg-1"));
        assertThat(harness.row("msg-1").get().status()).isEqualTo("PROCESSING");
        assertThat(harness.row("msg-1").get().progress()).isEqualTo(70);
        assertThat(waiting).isNotDone();

        Stubs.fetches(harness.stub, "msg-1", Stubs.done("msg-1"));
        assertThat(hook("POST", "{\"messageId\": \"msg-1\"}").statusCode()).isEqualTo(202);

        assertThat(ImagineProHarness.answer(waiting).description()).doesNotContain("forged").startsWith("1. a blue square");
    }

    @Test
    void should_refuse_unknown_message_ids_and_malformed_calls_without_calling_the_provider() throws Exception {
        start(Map.of());
        Stubs.fetches(harness.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "5"));
        submitted();

        assertThat(hook("POST", "{\"messageId\": \"someone-elses\", \"status\": \"DONE\"}").statusCode()).isEqualTo(404);
        assertThat(hook("POST", "not json").statusCode()).isEqualTo(400);
        assertThat(hook("POST", "{\"status\": \"DONE\"}").statusCode()).isEqualTo(400);
        assertThat(hook("POST", "[\"msg-1\"]").statusCode()).isEqualTo(400);
        assertThat(hook("GET", null).statusCode()).isEqualTo(405);

        harness.stub.verify(0, Stubs.fetchesOf("msg-1"));
        harness.stub.verify(0, Stubs.fetchesOf("someone-elses"));
    }

    @Test
    void should_ignore_a_webhook_for_a_job_already_finished() throws Exception {
        start(Map.of());
        Stubs.fetches(harness.stub, "msg-1", Stubs.done("msg-1"));
        CompletableFuture<Exchange> waiting = submitted();
        assertThat(hook("POST", "{\"messageId\": \"msg-1\"}").statusCode()).isEqualTo(202);
        ImagineProHarness.answer(waiting);

        assertThat(hook("POST", "{\"messageId\": \"msg-1\", \"status\": \"DONE\"}").statusCode()).isEqualTo(200);

        harness.stub.verify(1, Stubs.fetchesOf("msg-1"));
    }

    @Test
    void should_fetch_no_more_than_once_per_gap_however_many_webhooks_come() throws Exception {
        start(Map.of("webhook-min-gap", "60000"));
        Stubs.fetches(harness.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "5"));
        submitted();

        for (int i = 0; i < 5; i++) {
            assertThat(hook("POST", "{\"messageId\": \"msg-1\"}").statusCode()).isEqualTo(202);
        }

        harness.stub.verify(1, Stubs.fetchesOf("msg-1"));
    }
}
