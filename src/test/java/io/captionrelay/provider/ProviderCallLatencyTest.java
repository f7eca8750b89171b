package io.captionrelay.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.image.ImageInspector;
import io.captionrelay.image.ImagePreparer;
import io.captionrelay.model.ImageJob;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.model.RelayHeaders;
import io.captionrelay.provider.local.LocalImageAnalyser;
import io.captionrelay.provider.local.LocalProviderRoute;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * Every provider path measures the provider call latency the same way (request sent → answer read) and leaves
 * it in {@link RelayHeaders#CALL_LATENCY}, where the describe step takes the canonical result's latencyMs from.
 */
class ProviderCallLatencyTest {

    private final byte[] image = TestImages.jpeg(40, 30, Color.BLUE);

    @Test
    void an_http_provider_measures_from_request_sent_to_answer_read() throws Exception {
        try (ProviderHarness harness = new ProviderHarness(new ProviderTask("echo", "echo", "caption", null, ""),
                s -> new HttpProviderRoutesTest.EchoAdapter(), Map.of(), ProviderHarness.unchanged())) {
            harness.stub.stubFor(post("/v1/caption").willReturn(aResponse().withStatus(200).withBody("a blue square")));

            Exchange done = harness.describeAsync(image).get(60, TimeUnit.SECONDS);

            assertThat(ProviderHarness.answerOf(done).caption()).isEqualTo("a blue square");
            assertMeasuredOnce(done);
        }
    }

    @Test
    void the_local_provider_measures_its_analysis_the_same_way() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new LocalProviderRoute(new LocalImageAnalyser(256),
                    (job, requirements, refused) -> new ImagePreparer().prepare(job.bytes(), job.facts(), requirements)));
            context.start();
            Exchange exchange = new DefaultExchange(context);
            exchange.setProperty(RelayHeaders.JOB, new ImageJob("file:test.jpg", "test.jpg", image, new ImageInspector(50_000_000, 100_000_000).inspect(image)));

            Exchange done = context.createProducerTemplate().send("direct:provider-local", exchange);

            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getBody()).isInstanceOf(ProviderAnswer.class);
            assertMeasuredOnce(done);
        }
    }

    /** A latency was kept, and it lies within the time since the request was sent. */
    private static void assertMeasuredOnce(Exchange done) {
        long now = System.nanoTime();
        Long started = done.getProperty(RelayHeaders.CALL_STARTED, Long.class);
        Long latency = done.getProperty(RelayHeaders.CALL_LATENCY, Long.class);
        assertThat(started).isNotNull();
        assertThat(latency).isNotNull().isNotNegative().isLessThanOrEqualTo(now - started);
    }
}
