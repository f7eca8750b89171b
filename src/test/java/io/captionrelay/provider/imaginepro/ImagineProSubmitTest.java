package io.captionrelay.provider.imaginepro;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The submit: its exact wire form, and what each documented error answer leads to. */
class ImagineProSubmitTest {

    private ImagineProHarness harness;
    private final byte[] image = TestImages.jpeg(40, 30, Color.BLUE);

    private ImagineProHarness start(Map<String, String> settings) throws Exception {
        harness = ImagineProHarness.start(settings);
        return harness;
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static ErrorClass classOf(Throwable e) {
        return ((RelayException) e).errorClass();
    }

    @Test
    void should_submit_exactly_the_documented_request_and_answer_with_the_four_descriptions() throws Exception {
        start(Map.of("timeout", "300"));
        Stubs.acceptAs(harness.stub, "msg-1");
        Stubs.fetches(harness.stub, "msg-1", Stubs.done("msg-1"));

        ProviderAnswer answer = harness.describe(image);

        List<LoggedRequest> submits = harness.stub.findAll(Stubs.submits());
        assertThat(submits).hasSize(1);
        LoggedRequest submit = submits.get(0);
        assertThat(submit.getHeader("Authorization")).isEqualTo("Bearer " + ImagineProHarness.KEY);
        assertThat(submit.getHeader("Content-Type")).startsWith("application/json");
        assertThat(submit.getHeaders().keys()).noneMatch(h -> h.startsWith("Camel") || h.startsWith("CaptionRelay"));
        JsonNode body = new ObjectMapper().readTree(submit.getBodyAsString());
        assertThat(body.get("url").asText()).isEqualTo(harness.issuedUrls.get(0).toString());
        assertThat(body.get("ref").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"); // the job's own id
        assertThat(body.get("timeout").isInt()).isTrue();
        assertThat(body.get("timeout").asInt()).isEqualTo(300);
        assertThat(body.has("webhookOverride")).as("no webhook unless enabled").isFalse();
        assertThat(body.size()).isEqualTo(3);

        assertThat(answer.providerRequestId()).isEqualTo("msg-1");
        assertThat(answer.title()).isEqualTo("A blue square on a white wall");
        assertThat(answer.description()).isEqualTo("""
                1. a blue square on a white wall, minimalism
                2. blue tile, flat colour
                3. a square of ultramarine
                4. abstract blue""");
        assertThat(answer.raw().get("status").asText()).isEqualTo("DONE");
        assertThat(harness.row("msg-1")).get().satisfies(row -> {
            assertThat(row.status()).isEqualTo("DONE");
            assertThat(row.imageSha256()).isEqualTo(harness.sha256(image));
            assertThat(row.deliveredAt()).isNotNull();
            assertThat(row.resultJson()).contains("ultramarine");
        });
    }

    @Test
    void should_send_the_default_timeout_of_900_seconds() throws Exception {
        start(Map.of());
        Stubs.acceptAs(harness.stub, "msg-1");
        Stubs.fetches(harness.stub, "msg-1", Stubs.done("msg-1"));

        harness.describe(image);

        harness.stub.verify(1, Stubs.submits().withRequestBody(equalToJson("{\"timeout\": 900}", true, true)));
    }

    @Test
    void should_record_the_job_before_waiting_on_it() throws Exception {
        start(Map.of());
        Stubs.acceptAs(harness.stub, "msg-1");
        Stubs.fetches(harness.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "10"));

        CompletableFuture<Exchange> waiting = harness.send(image);

        await().atMost(Duration.ofSeconds(5)).until(() -> harness.row("msg-1").isPresent());
        assertThat(waiting).isNotDone();
        assertThat(harness.row("msg-1").get().live()).isTrue();
        assertThat(harness.row("msg-1").get().deadlineAt()).isAfter(harness.row("msg-1").get().submittedAt());
    }

    @Test
    void should_retry_a_500_submit_and_then_go_on() throws Exception {
        start(Map.of());
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(Stubs.json(500, "{\"message\": \"retry later\", \"statusCode\": 500}")).willSetStateTo("ok"));
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(Stubs.accepted("msg-1")));
        Stubs.fetches(harness.stub, "msg-1", Stubs.done("msg-1"));

        assertThat(harness.describe(image).providerRequestId()).isEqualTo("msg-1");
        harness.stub.verify(2, Stubs.submits());
    }

    @Test
    void should_give_up_on_500_after_the_bounded_retries() throws Exception {
        start(Map.of());
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).willReturn(Stubs.json(500, "{\"statusCode\": 500}")));

        assertThatThrownBy(() -> harness.describe(image)).extracting(ImagineProSubmitTest::classOf).isEqualTo(ErrorClass.TRANSIENT);
        harness.stub.verify(3, Stubs.submits()); // first try + 2 retries
        assertThat(harness.table.forImage(harness.sha256(image), "imaginepro")).isEmpty();
    }

    @Test
    void should_wait_and_retry_after_429() throws Exception {
        start(Map.of());
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("ok"));
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(Stubs.accepted("msg-1")));
        Stubs.fetches(harness.stub, "msg-1", Stubs.done("msg-1"));

        assertThat(harness.describe(image).providerRequestId()).isEqualTo("msg-1");
        harness.stub.verify(2, Stubs.submits());
    }

    @Test
    void should_try_bad_input_once_more_then_fail() throws Exception {
        start(Map.of());
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).willReturn(
                Stubs.json(400, "{\"message\": [\"url must be a URL address\"], \"error\": \"Bad Request\", \"statusCode\": 400}")));

        assertThatThrownBy(() -> harness.describe(image)).hasMessageContaining("url must be a URL address")
                .extracting(ImagineProSubmitTest::classOf).isEqualTo(ErrorClass.BAD_INPUT);
        harness.stub.verify(2, Stubs.submits());
    }

    @Test
    void should_stop_the_provider_after_401_and_send_nothing_more() throws Exception {
        start(Map.of());
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).willReturn(
                Stubs.json(401, "{\"message\": \"Unauthorized\", \"statusCode\": 401}")));

        assertThatThrownBy(() -> harness.describe(image)).extracting(ImagineProSubmitTest::classOf).isEqualTo(ErrorClass.AUTH);
        assertThat(harness.circuits.isOpen("imaginepro")).isTrue();
        assertThatThrownBy(() -> harness.describe(TestImages.jpeg(40, 30, Color.RED)))
                .extracting(ImagineProSubmitTest::classOf).isEqualTo(ErrorClass.AUTH);
        harness.stub.verify(1, Stubs.submits());
    }

    @Test
    void should_tell_out_of_credit_from_a_bad_key_by_the_401_body() throws Exception {
        start(Map.of());
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).willReturn(
                Stubs.json(401, "{\"message\": \"Insufficient credits\", \"error\": \"Unauthorized\", \"statusCode\": 401}")));

        assertThatThrownBy(() -> harness.describe(image)).extracting(ImagineProSubmitTest::classOf)
                .isEqualTo(ErrorClass.OUT_OF_CREDIT);
        assertThat(harness.circuits.isOpen("imaginepro")).isTrue();
        harness.stub.verify(1, Stubs.submits());
    }

    @Test
    void should_fail_a_refused_submit_by_its_error_text() throws Exception {
        start(Map.of());
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).willReturn(
                Stubs.json(200, "{\"success\": false, \"error\": \"Banned prompt detected\"}")));

        assertThatThrownBy(() -> harness.describe(image)).hasMessageContaining("Banned prompt detected")
                .extracting(ImagineProSubmitTest::classOf).isEqualTo(ErrorClass.REFUSED_CONTENT);
        harness.stub.verify(1, Stubs.submits());
    }

    @Test
    void should_not_submit_again_when_an_accepted_looking_answer_cannot_be_read() throws Exception {
        start(Map.of());
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).willReturn(Stubs.json(200, "{\"success\": true}")));

        assertThatThrownBy(() -> harness.describe(image)).hasMessageContaining("not sent again")
                .extracting(ImagineProSubmitTest::classOf).isEqualTo(ErrorClass.TRANSIENT);
        harness.stub.verify(1, Stubs.submits());
    }

    @Test
    void should_not_submit_again_when_the_connection_drops_after_sending() throws Exception {
        start(Map.of());
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        // parked (on-ambiguous=park, ImaginePro's default): it may have been accepted and charged
        assertThatThrownBy(() -> harness.describe(image)).hasMessageContaining("not sent again")
                .extracting(ImagineProSubmitTest::classOf).isEqualTo(ErrorClass.AMBIGUOUS);
        harness.stub.verify(1, Stubs.submits());
    }

    @Test
    void should_retry_when_the_provider_cannot_be_reached_at_all() throws Exception {
        // nothing listens on this port: the request is never sent, so sending again cannot pay twice
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start(Map.of("base-url", "http://127.0.0.1:" + closedPort));

        assertThatThrownBy(() -> harness.describe(image)).hasMessageContaining("could not be reached")
                .extracting(ImagineProSubmitTest::classOf).isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void should_fail_as_auth_without_a_key_and_send_nothing() throws Exception {
        start(Map.of("api-key", " "));

        assertThatThrownBy(() -> harness.describe(image)).hasMessageContaining("api-key")
                .extracting(ImagineProSubmitTest::classOf).isEqualTo(ErrorClass.AUTH);
        assertThat(harness.stub.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_never_put_the_key_in_a_failure_message() throws Exception {
        start(Map.of());
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).willReturn(Stubs.json(500, "{\"message\": \"boom\"}")));

        assertThatThrownBy(() -> harness.describe(image))
                .satisfies(e -> assertThat(e.toString()).doesNotContain(ImagineProHarness.KEY));
    }

    @Test
    void should_run_no_more_jobs_at_once_than_allowed_and_submit_the_next_when_one_ends() throws Exception {
        start(Map.of("max-concurrent-jobs", "1"));
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).inScenario("two").whenScenarioStateIs(STARTED)
                .willReturn(Stubs.accepted("msg-1")).willSetStateTo("second"));
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).inScenario("two").whenScenarioStateIs("second")
                .willReturn(Stubs.accepted("msg-2")));
        Stubs.fetches(harness.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "50"));
        Stubs.fetches(harness.stub, "msg-2", Stubs.done("msg-2"));

        CompletableFuture<Exchange> first = harness.send(image);
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.stub.findAll(Stubs.fetchesOf("msg-1")).size() >= 1);
        CompletableFuture<Exchange> second = harness.send(TestImages.jpeg(40, 30, Color.RED));
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.routes.pending().waitingForSlot() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.stub.findAll(Stubs.fetchesOf("msg-1")).size() >= 3);
        harness.stub.verify(1, Stubs.submits());
        assertThat(second).isNotDone();

        Stubs.fetches(harness.stub, "msg-1", Stubs.done("msg-1"));

        assertThat(ImagineProHarness.answer(first).providerRequestId()).isEqualTo("msg-1");
        assertThat(ImagineProHarness.answer(second).providerRequestId()).isEqualTo("msg-2");
        harness.stub.verify(2, Stubs.submits());
        harness.stub.verify(1, Stubs.submits().withHeader("Authorization", equalTo("Bearer " + ImagineProHarness.KEY))
                .withRequestBody(containing(harness.sha256(TestImages.jpeg(40, 30, Color.RED)) + ".jpg")));
    }
}
