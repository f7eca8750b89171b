package io.captionrelay.provider.imaginepro;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waiting for a job: the poll requests, their pace, and how each thing a poll can say ends the wait (or not). */
class ImagineProPollingTest {

    private ImagineProHarness harness;
    private final byte[] image = TestImages.jpeg(40, 30, Color.BLUE);

    private void start(Map<String, String> settings) throws Exception {
        harness = ImagineProHarness.start(settings);
        Stubs.acceptAs(harness.stub, "msg-1");
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
    void should_poll_the_default_path_with_the_key_through_processing_and_queued_to_done() throws Exception {
        start(Map.of());
        Stubs.fetchesInTurn(harness.stub, Stubs.fetchPath("msg-1"),
                Stubs.message("msg-1", "SUBMITTED", "0"),
                Stubs.message("msg-1", "PROCESSING", "20"),
                Stubs.message("msg-1", "QUEUED", "\"35\""),
                Stubs.message("msg-1", "PROCESSING", "\"60%\""),
                Stubs.done("msg-1"));

        ProviderAnswer answer = harness.describe(image);

        assertThat(answer.providerRequestId()).isEqualTo("msg-1");
        assertThat(answer.description()).startsWith("1. a blue square");
        List<LoggedRequest> polls = harness.stub.findAll(Stubs.fetchesOf("msg-1"));
        assertThat(polls).hasSize(5).allSatisfy(poll -> {
            assertThat(poll.getMethod().getName()).isEqualTo("GET");
            assertThat(poll.getHeader("Authorization")).isEqualTo("Bearer " + ImagineProHarness.KEY);
            assertThat(poll.getHeaders().keys()).noneMatch(h -> h.startsWith("Camel") || h.startsWith("CaptionRelay"));
        });
        assertThat(harness.row("msg-1").get().status()).isEqualTo("DONE");
        assertThat(harness.row("msg-1").get().progress()).isEqualTo(60);
    }

    @Test
    void should_poll_the_configured_legacy_path() throws Exception {
        start(Map.of("poll-path", "/api/v1/midjourney/message/{messageId}"));
        harness.stub.stubFor(get(urlEqualTo("/api/v1/midjourney/message/msg-1"))
                .willReturn(Stubs.done("msg-1")));

        assertThat(harness.describe(image).providerRequestId()).isEqualTo("msg-1");
        harness.stub.verify(1, getRequestedFor(urlEqualTo("/api/v1/midjourney/message/msg-1"))
                .withHeader("Authorization", equalTo("Bearer " + ImagineProHarness.KEY)));
        harness.stub.verify(0, Stubs.fetchesOf("msg-1"));
    }

    @Test
    void should_poll_no_faster_than_the_interval_until_the_deadline_then_fail_as_transient_and_mark_the_row() throws Exception {
        // the poller looks every 10 ms, but a job may be polled only every 200 ms, and is given up after 1 s
        start(Map.of("poll-interval", "200", "poll-max-interval", "200", "wait-timeout", "1000"));
        Stubs.fetches(harness.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "40"));

        assertThatThrownBy(() -> harness.describe(image)).hasMessageContaining("did not finish in time")
                .hasMessageContaining("PROCESSING 40%")
                .extracting(ImagineProPollingTest::classOf).isEqualTo(ErrorClass.TRANSIENT);

        // polls at >= 200, 400, 600, 800 ms after the submit, then one at or past the 1 s deadline: at most 5
        int polls = harness.stub.findAll(Stubs.fetchesOf("msg-1")).size();
        assertThat(polls).isBetween(2, 5);
        JobTable.Row row = harness.row("msg-1").orElseThrow();
        assertThat(row.status()).isEqualTo("TIMEOUT");
        assertThat(row.error()).contains("did not finish in time");
        assertThat(row.finishedAt()).isNotNull();
    }

    @Test
    void should_back_off_between_polls() throws Exception {
        // 100 ms growing ×1.5 up to 1 s: in 1.2 s at most 100, 150, 225, 337, 506 → 5 polls, where a fixed pace would make 12
        start(Map.of("poll-interval", "100", "poll-max-interval", "1000", "wait-timeout", "1200"));
        Stubs.fetches(harness.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "40"));

        assertThatThrownBy(() -> harness.describe(image)).extracting(ImagineProPollingTest::classOf).isEqualTo(ErrorClass.TRANSIENT);

        assertThat(harness.stub.findAll(Stubs.fetchesOf("msg-1")).size()).isBetween(2, 6);
    }

    @Test
    void should_fail_a_job_the_provider_failed_with_the_class_its_error_means() throws Exception {
        start(Map.of());
        Stubs.fetchesInTurn(harness.stub, Stubs.fetchPath("msg-1"), Stubs.message("msg-1", "PROCESSING", "10"),
                Stubs.failed("msg-1", "Banned prompt detected"));

        assertThatThrownBy(() -> harness.describe(image)).hasMessageContaining("Banned prompt detected")
                .extracting(ImagineProPollingTest::classOf).isEqualTo(ErrorClass.REFUSED_CONTENT);
        assertThat(harness.row("msg-1").get().status()).isEqualTo("FAIL");
        assertThat(harness.row("msg-1").get().error()).contains("Banned prompt detected");
    }

    @Test
    void should_fail_a_job_that_failed_for_no_stated_reason_as_transient() throws Exception {
        start(Map.of("fail-retries", "0")); // ImagineProPaymentOnceTest: submitted again when retries are left
        Stubs.fetches(harness.stub, "msg-1", Stubs.json(200, "{\"messageId\": \"msg-1\", \"status\": \"FAIL\"}"));

        assertThatThrownBy(() -> harness.describe(image)).hasMessageContaining("no reason given")
                .extracting(ImagineProPollingTest::classOf).isEqualTo(ErrorClass.TRANSIENT);
        harness.stub.verify(1, Stubs.submits());
    }

    @Test
    void should_poll_again_after_500_dropped_connections_and_garbage_and_then_finish() throws Exception {
        start(Map.of());
        Stubs.fetchesInTurn(harness.stub, Stubs.fetchPath("msg-1"),
                Stubs.json(500, "{\"message\": \"retry later\", \"statusCode\": 500}"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                Stubs.json(200, "<html>maintenance</html>"),
                aResponse().withStatus(429).withHeader("Retry-After", "0"),
                Stubs.done("msg-1"));

        assertThat(harness.describe(image).providerRequestId()).isEqualTo("msg-1");
        harness.stub.verify(5, Stubs.fetchesOf("msg-1"));
        harness.stub.verify(1, Stubs.submits());
    }

    @Test
    void should_give_up_a_job_the_provider_does_not_know_without_submitting_again() throws Exception {
        start(Map.of());
        Stubs.fetches(harness.stub, "msg-1", Stubs.json(404, "{\"message\": \"Message not found\", \"statusCode\": 404}"));

        assertThatThrownBy(() -> harness.describe(image)).hasMessageContaining("does not know message msg-1")
                .extracting(ImagineProPollingTest::classOf).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(harness.row("msg-1").get().status()).isEqualTo("FAIL");
        harness.stub.verify(1, Stubs.submits());
        harness.stub.verify(1, Stubs.fetchesOf("msg-1"));
    }

    @Test
    void should_stop_the_provider_when_a_poll_is_refused_401_and_keep_the_job_to_resume() throws Exception {
        start(Map.of());
        Stubs.fetches(harness.stub, "msg-1", Stubs.json(401, "{\"message\": \"Unauthorized\", \"statusCode\": 401}"));

        assertThatThrownBy(() -> harness.describe(image)).extracting(ImagineProPollingTest::classOf).isEqualTo(ErrorClass.AUTH);
        assertThat(harness.circuits.isOpen("imaginepro")).isTrue();
        assertThat(harness.row("msg-1").get().live()).as("kept, to be resumed once the key is fixed").isTrue();

        // the same image again: the job is found, but nothing is sent while the provider is stopped
        assertThatThrownBy(() -> harness.describe(image)).extracting(ImagineProPollingTest::classOf).isEqualTo(ErrorClass.AUTH);
        harness.stub.verify(1, Stubs.submits());
        harness.stub.verify(1, Stubs.fetchesOf("msg-1"));
    }

    @Test
    void should_wait_on_the_running_job_when_the_same_image_comes_again() throws Exception {
        start(Map.of());
        Stubs.fetches(harness.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "10"));

        CompletableFuture<Exchange> first = harness.send(image);
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.row("msg-1").isPresent());
        CompletableFuture<Exchange> second = harness.send(image);
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.stub.findAll(Stubs.fetchesOf("msg-1")).size() >= 3);
        Stubs.fetches(harness.stub, "msg-1", Stubs.done("msg-1"));

        assertThat(ImagineProHarness.answer(first).providerRequestId()).isEqualTo("msg-1");
        assertThat(ImagineProHarness.answer(second).providerRequestId()).isEqualTo("msg-1");
        harness.stub.verify(1, Stubs.submits());
    }

    @Test
    void should_hold_no_thread_while_jobs_wait() throws Exception {
        start(Map.of("max-concurrent-jobs", "20"));
        harness.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).willReturn(
                Stubs.accepted("{{randomValue type='UUID'}}").withTransformers("response-template")));
        harness.stub.stubFor(get(urlMatching("/api/v1/message/fetch/.*")).willReturn(Stubs.message("any", "PROCESSING", "10")));
        Set<String> answered = ConcurrentHashMap.newKeySet();

        for (int i = 0; i < 20; i++) {
            // called on this thread: it comes back as soon as the job is submitted, and the answer comes later, elsewhere
            boolean doneAtOnce = harness.sendFromThisThread(TestImages.uniqueJpeg(i, 32, 24),
                    exchange -> answered.add(exchange.getMessage().getBody(ProviderAnswer.class).providerRequestId()));
            assertThat(doneAtOnce).isFalse();
        }
        assertThat(harness.routes.pending().size()).isEqualTo(20);
        assertThat(answered).isEmpty();

        harness.stub.stubFor(get(urlMatching("/api/v1/message/fetch/.*")).willReturn(Stubs.done("any")));

        await().atMost(Duration.ofSeconds(5)).until(() -> answered.size() == 20);
        harness.stub.verify(20, Stubs.submits());
        assertThat(harness.routes.pending().size()).isZero();
    }
}
