package io.captionrelay.provider.imaginepro;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing paid twice: a recorded job outlives the process, and the image finds it again after a restart. */
class ImagineProRestartTest {

    private ImagineProHarness before;
    private ImagineProHarness after;
    private final byte[] image = TestImages.jpeg(40, 30, Color.BLUE);

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        if (after != null) {
            after.close();
        } else if (before != null) {
            before.close();
        }
    }

    /** Submits the image, sees the job polled at least once, then stops the app while the job still runs. */
    private void submitThenStop(Map<String, String> settings) throws Exception {
        before = ImagineProHarness.start(settings);
        Stubs.acceptAs(before.stub, "msg-1");
        Stubs.fetches(before.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "30"));
        before.send(image);
        await().atMost(Duration.ofSeconds(5)).until(() -> before.stub.findAll(Stubs.fetchesOf("msg-1")).size() >= 1);
        before.stopKeepingStub();
    }

    @Test
    void should_resume_a_running_job_after_a_restart_without_submitting_again() throws Exception {
        submitThenStop(Map.of());
        int pollsBefore = before.stub.findAll(Stubs.fetchesOf("msg-1")).size();

        after = ImagineProHarness.restart(before, Map.of(), null);
        CompletableFuture<Exchange> resumed = after.send(image);

        await().atMost(Duration.ofSeconds(5)).until(() -> after.stub.findAll(Stubs.fetchesOf("msg-1")).size() > pollsBefore);
        assertThat(resumed).isNotDone();
        Stubs.fetches(after.stub, "msg-1", Stubs.done("msg-1"));

        assertThat(ImagineProHarness.answer(resumed).providerRequestId()).isEqualTo("msg-1");
        after.stub.verify(1, Stubs.submits());
        assertThat(after.row("msg-1").get().status()).isEqualTo("DONE");
    }

    @Test
    void should_poll_a_resumed_job_with_the_key_that_submitted_it() throws Exception {
        before = ImagineProHarness.start(Map.of("api-key", "key-b-0000000000,key-a-0000000000"));
        Stubs.acceptAs(before.stub, "msg-1");
        Stubs.fetches(before.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "30"));
        before.send(image);
        await().atMost(Duration.ofSeconds(5)).until(() -> before.stub.findAll(Stubs.fetchesOf("msg-1")).size() >= 1);
        before.stopKeepingStub();
        before.stub.resetRequests();

        // the keys in another order after the restart: the job is still polled with the one that submitted it
        after = ImagineProHarness.restart(before, Map.of("api-key", "key-a-0000000000,key-b-0000000000"), null);
        Stubs.fetches(after.stub, "msg-1", Stubs.done("msg-1"));
        assertThat(after.describe(image).providerRequestId()).isEqualTo("msg-1");

        after.stub.verify(1, Stubs.fetchesOf("msg-1").withHeader("Authorization", equalTo("Bearer key-b-0000000000")));
        after.stub.verify(0, Stubs.submits());
    }

    @Test
    void should_answer_from_a_job_that_finished_while_the_app_was_down_without_any_call() throws Exception {
        before = ImagineProHarness.start(Map.of());
        Instant then = Instant.now().minusSeconds(120);
        before.table.insert(new JobTable.Row("msg-9", "imaginepro", before.sha256(image), null, "DONE", 100, then,
                then.plusSeconds(960), then.plusSeconds(60), then.plusSeconds(60), null,
                "{\"messageId\": \"msg-9\", \"status\": \"DONE\", \"description\": [\"a blue square --ar 1:1\"]}", null));

        ProviderAnswer answer = before.describe(image);

        assertThat(answer.providerRequestId()).isEqualTo("msg-9");
        assertThat(answer.description()).isEqualTo("1. a blue square");
        assertThat(before.stub.getAllServeEvents()).isEmpty();
        assertThat(before.row("msg-9").get().deliveredAt()).isNotNull();
    }

    @Test
    void should_answer_again_from_the_finished_job_when_the_image_failed_after_the_answer_arrived() throws Exception {
        // the answer reached the pipeline, which then died (or failed) before the ledger had it: the job's
        // result is not yet "delivered", so the image is answered from it again, never submitted a second time
        before = ImagineProHarness.start(Map.of());
        Stubs.acceptAs(before.stub, "msg-1");
        Stubs.fetches(before.stub, "msg-1", Stubs.done("msg-1"));
        before.context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:answer-then-crash").errorHandler(noErrorHandler())
                        .to(ImagineProHarness.TASK.endpoint())
                        .throwException(new IllegalStateException("the pipeline stops before the ledger"));
            }
        });
        Exchange first = new org.apache.camel.support.DefaultExchange(before.context);
        first.setProperty(io.captionrelay.model.RelayHeaders.JOB, new io.captionrelay.model.ImageJob("file:test.jpg",
                "test.jpg", image, new io.captionrelay.image.ImageInspector(50_000_000, 100_000_000).inspect(image)));
        first.getMessage().setBody(ImagineProHarness.TASK);
        before.context.createProducerTemplate().send("direct:answer-then-crash", first);
        assertThat(first.getException()).hasMessageContaining("before the ledger");
        assertThat(before.row("msg-1").get().deliveredAt()).isNull();

        assertThat(before.describe(image).providerRequestId()).isEqualTo("msg-1");
        before.stub.verify(1, Stubs.submits());
        assertThat(before.row("msg-1").get().deliveredAt()).isNotNull();
    }

    @Test
    void should_fetch_a_job_past_its_deadline_once_before_giving_it_up() throws Exception {
        // the app was down longer than the job's deadline: it may still have finished, so look before paying again
        before = ImagineProHarness.start(Map.of());
        Instant then = Instant.now().minusSeconds(3600);
        before.table.insert(new JobTable.Row("msg-7", "imaginepro", before.sha256(image), null, "PROCESSING", 50, then,
                then.plusSeconds(960), then.plusSeconds(30), null, null, null, null));
        Stubs.fetches(before.stub, "msg-7", Stubs.done("msg-7"));

        assertThat(before.describe(image).providerRequestId()).isEqualTo("msg-7");
        before.stub.verify(0, Stubs.submits());
        before.stub.verify(1, Stubs.fetchesOf("msg-7"));
    }

    @Test
    void should_time_out_a_job_past_its_deadline_that_is_still_running_after_one_fetch() throws Exception {
        before = ImagineProHarness.start(Map.of());
        Instant then = Instant.now().minusSeconds(3600);
        before.table.insert(new JobTable.Row("msg-7", "imaginepro", before.sha256(image), null, "PROCESSING", 50, then,
                then.plusSeconds(960), then.plusSeconds(30), null, null, null, null));
        Stubs.fetches(before.stub, "msg-7", Stubs.message("msg-7", "PROCESSING", "50"));

        assertThatThrownBy(() -> before.describe(image))
                .hasMessageContaining("did not finish in time");
        assertThat(before.row("msg-7").get().status()).isEqualTo("TIMEOUT");
        before.stub.verify(0, Stubs.submits());
        before.stub.verify(1, Stubs.fetchesOf("msg-7"));
    }

    @Test
    void should_submit_anew_once_a_recorded_result_was_delivered() throws Exception {
        // the ledger answers repeats; an image that still reaches the provider was asked for again (relay.force)
        before = ImagineProHarness.start(Map.of());
        Stubs.acceptAs(before.stub, "msg-1");
        Stubs.fetches(before.stub, "msg-1", Stubs.done("msg-1"));
        before.describe(image);
        Stubs.acceptAs(before.stub, "msg-2");
        Stubs.fetches(before.stub, "msg-2", Stubs.done("msg-2"));

        assertThat(before.describe(image).providerRequestId()).isEqualTo("msg-2");
        before.stub.verify(2, Stubs.submits());
    }

    @Test
    void should_record_a_result_that_a_webhook_announces_while_nobody_waits_and_answer_from_it() throws Exception {
        Map<String, String> webhook = Map.of("webhook-enabled", "true", "poll-interval", "60000", "poll-max-interval", "60000");
        before = ImagineProHarness.start(webhook);
        Stubs.acceptAs(before.stub, "msg-1");
        before.send(image);
        await().atMost(Duration.ofSeconds(5)).until(() -> before.row("msg-1").isPresent());
        before.stopKeepingStub();
        after = ImagineProHarness.restart(before, webhook, null);
        Stubs.fetches(after.stub, "msg-1", Stubs.done("msg-1"));

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(after.serverBase + "/hooks/imaginepro"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"messageId\": \"msg-1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(after.row("msg-1").get().undelivered()).isTrue();
        assertThat(after.describe(image).providerRequestId()).isEqualTo("msg-1");
        after.stub.verify(1, Stubs.submits());
        after.stub.verify(1, Stubs.fetchesOf("msg-1"));
    }

    @Test
    void should_leave_a_waiting_item_in_the_inbox_on_shutdown_and_finish_it_after_the_restart() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        before = ImagineProHarness.withInbox(Map.of(), inbox);
        Stubs.acceptAs(before.stub, "msg-1");
        Stubs.fetches(before.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "30"));
        Files.write(inbox.resolve("blue.jpg"), image);
        await().atMost(Duration.ofSeconds(5)).until(() -> before.stub.findAll(Stubs.fetchesOf("msg-1")).size() >= 1);

        before.stopKeepingStub();

        assertThat(inbox.resolve("blue.jpg")).exists();
        assertThat(inbox.resolve(".failed")).doesNotExist();
        assertThat(inbox.resolve(".done")).doesNotExist();

        int pollsBefore = before.stub.findAll(Stubs.fetchesOf("msg-1")).size();
        after = ImagineProHarness.restart(before, Map.of(), inbox);
        await().atMost(Duration.ofSeconds(5)).until(() -> after.stub.findAll(Stubs.fetchesOf("msg-1")).size() > pollsBefore);
        Stubs.fetches(after.stub, "msg-1", Stubs.done("msg-1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(inbox.resolve(".done/blue.jpg")));
        assertThat(inbox.resolve("blue.jpg")).doesNotExist();
        assertThat(inbox.resolve(".failed")).doesNotExist();
        after.stub.verify(1, Stubs.submits());
    }

    @Test
    void should_start_no_new_job_while_stopping_and_leave_the_image_waiting_for_a_slot_in_the_inbox() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        before = ImagineProHarness.withInbox(Map.of("max-concurrent-jobs", "1"), inbox);
        before.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).inScenario("two").whenScenarioStateIs(STARTED)
                .willReturn(Stubs.accepted("msg-1")).willSetStateTo("second"));
        before.stub.stubFor(post(urlEqualTo(Stubs.SUBMIT)).inScenario("two").whenScenarioStateIs("second")
                .willReturn(Stubs.accepted("msg-2")));
        Stubs.fetches(before.stub, "msg-1", Stubs.message("msg-1", "PROCESSING", "30"));
        Stubs.fetches(before.stub, "msg-2", Stubs.done("msg-2"));
        Files.write(inbox.resolve("blue.jpg"), image);
        Files.write(inbox.resolve("red.jpg"), TestImages.jpeg(40, 30, Color.RED));
        await().atMost(Duration.ofSeconds(5)).until(() -> before.routes.pending().waitingForSlot() == 1);

        before.stopKeepingStub();

        assertThat(inbox.resolve("blue.jpg")).exists();
        assertThat(inbox.resolve("red.jpg")).exists();
        assertThat(inbox.resolve(".failed")).doesNotExist();
        before.stub.verify(1, Stubs.submits());

        after = ImagineProHarness.restart(before, Map.of("max-concurrent-jobs", "1"), inbox);
        await().atMost(Duration.ofSeconds(5)).until(() -> after.routes.pending().size() >= 1);
        Stubs.fetches(after.stub, "msg-1", Stubs.done("msg-1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(inbox.resolve(".done/blue.jpg"))
                && Files.exists(inbox.resolve(".done/red.jpg")));
        after.stub.verify(2, Stubs.submits());
    }
}
