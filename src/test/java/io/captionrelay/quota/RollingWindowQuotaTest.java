package io.captionrelay.quota;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.provider.HttpCall;
import io.captionrelay.provider.HttpProviderAdapter;
import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.ImagePreparation;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.provider.ProviderSettings;
import io.captionrelay.model.Secret;
import io.captionrelay.provider.apiverve.ApiVerveAdapter;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.QuotaEnforcer;
import io.captionrelay.testing.QuotaEnforcer.Resets;
import io.captionrelay.testing.QuotaEnforcer.Window;
import io.captionrelay.testing.TestImages;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The quota gate against a strict provider stub: a rolling window (any interval of a period holds at most
 * its calls, else 429), resets told the way the providers document them. Time-scaled: a second stands in
 * for a minute, ten seconds for an hour.
 */
class RollingWindowQuotaTest {

    private static final String OK = "{\"status\":\"ok\",\"error\":null,\"data\":{\"caption\":\"fine\"}}";
    private static final ProviderTask TASK = new ProviderTask("apiverve", "apiverve", "imagecaption", null, "");

    private ProviderHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void should_keep_a_rolling_window_whatever_time_preparation_and_body_encoding_take() throws Exception {
        QuotaEnforcer provider = QuotaEnforcer.rolling(List.of(new Window(5, Duration.ofSeconds(1))), Resets.APIVERVE_WHOLE_SECONDS);
        // per image, drawn once: 0 to 400 ms preparing the image and 0 to 300 ms encoding the body (simulated work)
        Random random = new Random(13);
        long[] preparing = random.longs(40, 0, 400_000_000).toArray();
        long[] encoding = random.longs(40, 0, 300_000_000).toArray();
        AtomicInteger prepared = new AtomicInteger();
        AtomicInteger encoded = new AtomicInteger();
        ImagePreparation slowPreparation = (job, requirements, refused) -> {
            LockSupport.parkNanos(preparing[prepared.getAndIncrement() % preparing.length]);
            return ProviderHarness.unchanged().prepare(job, requirements, refused);
        };
        harness = new ProviderHarness(TASK, settings -> new SlowEncoding(new ApiVerveAdapter(settings),
                () -> encoding[encoded.getAndIncrement() % encoding.length]),
                Map.of("quota", "5/1s", "max-in-flight", "8", "margin", "100"), slowPreparation, provider);
        harness.stub.stubFor(post("/v1/imagecaption").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(OK)));

        List<ProviderAnswer> answers = describeAll(40);

        assertThat(answers).hasSize(40).allMatch(a -> a.caption().equals("fine"));
        assertThat(provider.refused()).isZero(); // the old gate took its token before encoding: refused calls here
        assertThat(provider.accepted()).isEqualTo(40);
    }

    @Test
    void should_send_a_whole_limit_at_once_after_idle_and_hold_the_next_until_the_window_has_room() throws Exception {
        QuotaEnforcer provider = QuotaEnforcer.rolling(List.of(new Window(5, Duration.ofMinutes(1))), Resets.APIVERVE_WHOLE_SECONDS);
        harness = new ProviderHarness(TASK, ApiVerveAdapter::new, Map.of("quota", "5/1m", "max-in-flight", "8", "margin", "250", "response-timeout", "20000"),
                ProviderHarness.unchanged(), provider);
        // each answer takes 3 s: five calls sent within one round trip all reach the stub before the first answer
        harness.stub.stubFor(post("/v1/imagecaption").willReturn(aResponse().withStatus(200).withFixedDelay(3_000)
                .withHeader("Content-Type", "application/json").withBody(OK)));

        List<CompletableFuture<Exchange>> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            images.add(harness.describeAsync(TestImages.uniqueJpeg(i, 32, 32)));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> provider.accepted() == 5);
        assertThat(images).noneMatch(CompletableFuture::isDone); // the old gate sent one, then one every 12 s
        await().atMost(Duration.ofSeconds(20)).until(() -> images.stream().filter(CompletableFuture::isDone).count() == 5);
        // the sixth waits for the first to be a minute and a margin old; which image is sixth is up to the async sends
        assertThat(images.stream().filter(image -> !image.isDone()).count()).isEqualTo(1);
        assertThat(harness.gate.waitingForQuota()).isEqualTo(1);
        assertThat(provider.accepted()).isEqualTo(5);
        assertThat(provider.refused()).isZero();
    }

    @Test
    void should_respect_both_limits_of_a_key_in_rolling_windows() throws Exception {
        // 5/1s and 40/10s stand in for 5/1m and 300/1h; OpenAI-style headers (Go durations) on every answer
        QuotaEnforcer provider = QuotaEnforcer.rolling(List.of(new Window(5, Duration.ofSeconds(1)),
                new Window(40, Duration.ofSeconds(10))), Resets.OPENAI_GO_DURATIONS);
        harness = new ProviderHarness(TASK, ApiVerveAdapter::new, Map.of("quota", "5/1s,40/10s", "max-in-flight", "8",
                "margin", "100"), ProviderHarness.unchanged(), provider);
        harness.stub.stubFor(post("/v1/imagecaption").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(OK)));

        List<ProviderAnswer> answers = describeAll(50);

        assertThat(answers).hasSize(50);
        assertThat(provider.refused()).isZero();
        assertThat(provider.accepted()).isEqualTo(50);
        List<Double> at = provider.acceptedSeconds();
        assertThat(at.get(40) - at.get(0)).as("the 41st call waits for the first to leave the 10 s window").isGreaterThan(10.0);
    }

    private List<ProviderAnswer> describeAll(int count) throws Exception {
        List<CompletableFuture<Exchange>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(harness.describeAsync(TestImages.uniqueJpeg(i, 32, 32)));
        }
        List<ProviderAnswer> answers = new ArrayList<>();
        for (CompletableFuture<Exchange> image : batch) {
            answers.add(ProviderHarness.answerOf(image.get()));
        }
        return answers;
    }

    /** An adapter whose body encoding takes a while (simulated work, a different time for each request). */
    private record SlowEncoding(HttpProviderAdapter adapter, java.util.function.LongSupplier nanos) implements HttpProviderAdapter {
        @Override
        public ImageRequirements requirements() {
            return adapter.requirements();
        }

        @Override
        public HttpCall request(PreparedImage image, URI imageUrl, Secret key) throws RelayException {
            LockSupport.parkNanos(nanos.getAsLong());
            return adapter.request(image, imageUrl, key);
        }

        @Override
        public ProviderAnswer read(HttpReply reply) throws RelayException {
            return adapter.read(reply);
        }
    }
}
