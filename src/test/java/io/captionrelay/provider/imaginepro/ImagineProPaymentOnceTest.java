package io.captionrelay.provider.imaginepro;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.testing.PaidProviderStub;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ImaginePro paid once: a submit that got no answer but was accepted is found again through its {@code ref} and the
 * webhook (confirmed by the app's own fetch, so a forged webhook is not adopted), and a job that ends FAIL is
 * submitted again before the image fails.
 */
class ImagineProPaymentOnceTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MS = 1500;

    private ImagineProHarness harness;
    private final byte[] image = TestImages.jpeg(40, 30, Color.BLUE);

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** Webhooks on, polling slowed to a minute; the submit is accepted as msg-7 but answered after the timeout. */
    private CompletableFuture<Exchange> unansweredSubmit() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("webhook-enabled", "true", "poll-interval", "60000",
                "poll-max-interval", "60000", "response-timeout", Integer.toString(TIMEOUT_MS)));
        harness = ImagineProHarness.start(settings);
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).willReturn(Stubs.accepted("msg-7").withFixedDelay(TIMEOUT_MS * 3)));
        Stubs.fetches(harness.stub, "msg-7", Stubs.done("msg-7"));
        return harness.send(image);
    }

    private String ref() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.stub.findAll(Stubs.submits()).size() == 1);
        return JSON.readTree(harness.stub.findAll(Stubs.submits()).get(0).getBodyAsString()).get("ref").asText();
    }

    private int hook(String messageId, String ref) throws Exception {
        String body = "{\"messageId\": \"" + messageId + "\", \"ref\": \"" + ref + "\", \"status\": \"DONE\"}";
        return HTTP.send(HttpRequest.newBuilder(URI.create(harness.serverBase + "/hooks/imaginepro"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void should_recover_a_submit_that_timed_out_but_was_accepted_through_its_ref_and_the_webhook() throws Exception {
        CompletableFuture<Exchange> waiting = unansweredSubmit();
        String ref = ref();

        // answered 404 until the submit has timed out and waits for its ref; then adopted after the app's own fetch
        await().atMost(Duration.ofSeconds(15)).until(() -> hook("msg-7", ref) == 202);

        assertThat(ImagineProHarness.answer(waiting).providerRequestId()).isEqualTo("msg-7");
        harness.stub.verify(1, Stubs.submits());
        harness.stub.verify(1, Stubs.fetchesOf("msg-7"));
        assertThat(harness.row("msg-7")).get().extracting(JobTable.Row::status).isEqualTo("DONE");
    }

    @Test
    void should_not_adopt_a_forged_webhook_whose_message_the_provider_does_not_know() throws Exception {
        CompletableFuture<Exchange> waiting = unansweredSubmit();
        Stubs.fetches(harness.stub, "forged-1", Stubs.json(404, "{\"message\": \"not found\", \"statusCode\": 404}"));
        String ref = ref();

        await().atMost(Duration.ofSeconds(15)).until(() -> hook("forged-1", ref) == 202);
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.stub.findAll(Stubs.fetchesOf("forged-1")).size() == 1);
        assertThat(waiting).isNotDone();
        assertThat(harness.row("forged-1")).isEmpty();

        assertThat(hook("msg-7", ref)).isEqualTo(202); // the genuine one is still adopted
        assertThat(ImagineProHarness.answer(waiting).providerRequestId()).isEqualTo("msg-7");
        harness.stub.verify(1, Stubs.submits());
    }

    @Test
    void should_submit_a_failed_job_again_and_answer_from_the_second() throws Exception {
        harness = ImagineProHarness.start(Map.of());
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).inScenario("jobs").whenScenarioStateIs(STARTED)
                .willReturn(Stubs.accepted("msg-1")).willSetStateTo("second"));
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).inScenario("jobs").whenScenarioStateIs("second")
                .willReturn(Stubs.accepted("msg-2")));
        Stubs.fetches(harness.stub, "msg-1", Stubs.failed("msg-1", "Job failed, please try again"));
        Stubs.fetches(harness.stub, "msg-2", Stubs.done("msg-2"));

        assertThat(harness.describe(image).providerRequestId()).isEqualTo("msg-2");

        List<LoggedRequest> submits = harness.stub.findAll(Stubs.submits());
        assertThat(submits).hasSize(2);
        assertThat(JSON.readTree(submits.get(1).getBodyAsString()).get("ref").asText())
                .as("a new job, a new id").isNotEqualTo(JSON.readTree(submits.get(0).getBodyAsString()).get("ref").asText());
        assertThat(harness.row("msg-1")).get().extracting(JobTable.Row::status).isEqualTo("FAIL");
        assertThat(harness.row("msg-2")).get().extracting(JobTable.Row::status).isEqualTo("DONE");
    }

    @Test
    void should_answer_from_a_result_paid_for_the_same_prepared_bytes_without_a_submit() throws Exception {
        ProviderAnswer paid = new ProviderAnswer(null, "1. a blue square", null, List.of(), Map.of(), "msg-0", null);
        String preparedSha256 = PaidProviderStub.sha256(image); // the harness sends images as they are
        harness = ImagineProHarness.start(Map.of("max-concurrent-jobs", "1"), (sha, task) -> sha.equals(preparedSha256) && task.id().equals("imaginepro")
                ? Optional.of(paid) : Optional.empty());
        Stubs.acceptAs(harness.stub, "msg-1");
        Stubs.fetches(harness.stub, "msg-1", Stubs.done("msg-1"));

        assertThat(harness.describe(image)).isEqualTo(paid);
        harness.stub.verify(0, Stubs.submits());
        assertThat(harness.issuedUrls).as("no link published").isEmpty();

        // other bytes are submitted as usual: the only job slot, which the reused one took, was given back
        assertThat(harness.describe(TestImages.jpeg(40, 30, Color.RED)).providerRequestId()).isEqualTo("msg-1");
        harness.stub.verify(1, Stubs.submits());
    }
}
