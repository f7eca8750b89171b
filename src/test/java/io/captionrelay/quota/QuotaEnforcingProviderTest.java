package io.captionrelay.quota;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.provider.apiverve.ApiVerveAdapter;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.QuotaEnforcer;
import io.captionrelay.testing.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider that enforces its quota (time-scaled: 5 a second and 40 per 10 seconds stand in for
 * 5 a minute and 300 an hour) receives a batch sent all at once, and never has to refuse a call.
 */
class QuotaEnforcingProviderTest {

    private static final String OK = "{\"status\":\"ok\",\"error\":null,\"data\":{\"caption\":\"fine\"}}";

    private ProviderHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void should_send_a_whole_batch_without_a_single_rate_limit_refusal() throws Exception {
        QuotaEnforcer provider = new QuotaEnforcer(List.of(
                new QuotaEnforcer.Window(5, Duration.ofSeconds(1)), new QuotaEnforcer.Window(40, Duration.ofSeconds(10))));
        harness = new ProviderHarness(new ProviderTask("apiverve", "apiverve", "imagecaption", null, ""), ApiVerveAdapter::new,
                Map.of("quota", "5/1s,40/10s", "max-in-flight", "8"), ProviderHarness.unchanged(), provider);
        harness.stub.stubFor(post("/v1/imagecaption").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(OK)));

        List<CompletableFuture<Exchange>> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(harness.describeAsync(TestImages.uniqueJpeg(i, 32, 32)));
        }
        List<ProviderAnswer> answers = new ArrayList<>();
        for (CompletableFuture<Exchange> image : batch) {
            answers.add(ProviderHarness.answerOf(image.get()));
        }

        assertThat(answers).hasSize(20).allMatch(a -> a.caption().equals("fine"));
        assertThat(provider.refused()).isZero();
        assertThat(provider.accepted()).isEqualTo(20);
    }

    @Test
    void should_recover_without_losing_an_image_when_the_provider_counts_more_than_we_do() throws Exception {
        // the provider allows 3 a second, but the gate believes 5: its 429 answers pause the key, then it paces
        QuotaEnforcer provider = new QuotaEnforcer(List.of(new QuotaEnforcer.Window(3, Duration.ofSeconds(1))));
        harness = new ProviderHarness(new ProviderTask("apiverve", "apiverve", "imagecaption", null, ""), ApiVerveAdapter::new,
                Map.of("quota", "5/1s", "max-in-flight", "8"), ProviderHarness.unchanged(), provider);
        harness.stub.stubFor(post("/v1/imagecaption").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(OK)));

        List<CompletableFuture<Exchange>> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batch.add(harness.describeAsync(TestImages.uniqueJpeg(i, 32, 32)));
        }
        for (CompletableFuture<Exchange> image : batch) {
            assertThat(ProviderHarness.answerOf(image.get()).caption()).isEqualTo("fine");
        }
        assertThat(provider.accepted()).isEqualTo(12);
        // each refill of the gate's 5 may meet the provider's 3 before any answer corrects it: at most 2
        // refusals for each of the ~4 periods the batch needs; each refusal was retried, none lost
        assertThat(provider.refused()).isLessThanOrEqualTo(8);
    }
}
