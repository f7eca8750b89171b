package io.captionrelay.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.model.Secret;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared provider machinery: request shaping through camel-http, and behaviour by error class. */
class HttpProviderRoutesTest {

    /** A made-up provider: POST /v1/caption with a JSON body, answers {"caption": "..."}. */
    static final class EchoAdapter implements HttpProviderAdapter {
        @Override
        public ImageRequirements requirements() {
            return new ImageRequirements(Set.of(ImageFormat.JPEG, ImageFormat.PNG), 4_000_000, false);
        }

        @Override
        public HttpCall request(PreparedImage image, URI imageUrl, Secret key) {
            return HttpCall.postJson("/v1/caption", Map.of("X-Key", key.reveal()), "{\"image\":\"" + image.dataUri() + "\"}");
        }

        @Override
        public ProviderAnswer read(HttpReply reply) throws RelayException {
            if (!reply.isSuccess()) {
                throw HttpStatusErrors.error("echo", HttpStatusErrors.classify(reply.status()), reply, reply.bodySnippet());
            }
            return new ProviderAnswer(null, null, reply.body(), List.of(), Map.of(), reply.header("X-Request-ID").orElse(null), null);
        }
    }

    private ProviderHarness harness;
    private final byte[] image = TestImages.jpeg(40, 30, Color.BLUE);

    @BeforeEach
    void start() throws Exception {
        harness = new ProviderHarness(new ProviderTask("echo", "echo", "caption", null, ""), s -> new EchoAdapter(),
                Map.of(), ProviderHarness.unchanged());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void should_send_exactly_the_shaped_request_and_read_the_answer() throws Exception {
        harness.stub.stubFor(post("/v1/caption").willReturn(aResponse().withStatus(200)
                .withHeader("X-Request-ID", "req-1").withBody("a blue square")));

        ProviderAnswer answer = harness.describe(image);

        assertThat(answer.caption()).isEqualTo("a blue square");
        assertThat(answer.providerRequestId()).isEqualTo("req-1");
        harness.stub.verify(1, postRequestedFor(urlEqualTo("/v1/caption"))
                .withHeader("X-Key", equalTo(ProviderHarness.KEY))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/json")));
        var sent = harness.stub.getAllServeEvents().get(0).getRequest();
        assertThat(sent.getHeaders().keys()).noneMatch(h -> h.startsWith("Camel") || h.startsWith("CaptionRelay"));
    }

    @Test
    void should_retry_transient_errors_and_dropped_connections_then_succeed() throws Exception {
        harness.stub.stubFor(post("/v1/caption").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("dropped"));
        harness.stub.stubFor(post("/v1/caption").inScenario("flaky").whenScenarioStateIs("dropped")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        harness.stub.stubFor(post("/v1/caption").inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("fine")));

        assertThat(harness.describe(image).caption()).isEqualTo("fine");
        harness.stub.verify(3, postRequestedFor(urlEqualTo("/v1/caption")));
    }

    @Test
    void should_give_up_on_transient_errors_after_the_bounded_retries() {
        harness.stub.stubFor(post("/v1/caption").willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> harness.describe(image)).isInstanceOf(RelayException.class)
                .extracting(e -> ((RelayException) e).errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        harness.stub.verify(3, postRequestedFor(urlEqualTo("/v1/caption"))); // first try + 2 retries
    }

    @Test
    void should_wait_and_retry_on_rate_limit_answers() throws Exception {
        harness.stub.stubFor(post("/v1/caption").inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("ok"));
        harness.stub.stubFor(post("/v1/caption").inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("after the wait")));

        assertThat(harness.describe(image).caption()).isEqualTo("after the wait");
        harness.stub.verify(2, postRequestedFor(urlEqualTo("/v1/caption")));
    }

    @Test
    void should_stop_the_provider_after_an_auth_error_and_send_nothing_more() {
        harness.stub.stubFor(post("/v1/caption").willReturn(aResponse().withStatus(401).withBody("bad key")));

        assertThatThrownBy(() -> harness.describe(image)).extracting(e -> ((RelayException) e).errorClass())
                .isEqualTo(ErrorClass.AUTH);
        assertThat(harness.circuits.isOpen("echo")).isTrue();
        assertThatThrownBy(() -> harness.describe(image)).extracting(e -> ((RelayException) e).errorClass())
                .isEqualTo(ErrorClass.AUTH);
        harness.stub.verify(1, postRequestedFor(urlEqualTo("/v1/caption")));
    }

    @Test
    void should_try_bad_input_once_more_then_fail() {
        harness.stub.stubFor(post("/v1/caption").willReturn(aResponse().withStatus(400).withBody("bad image")));

        assertThatThrownBy(() -> harness.describe(image)).extracting(e -> ((RelayException) e).errorClass())
                .isEqualTo(ErrorClass.BAD_INPUT);
        harness.stub.verify(2, postRequestedFor(urlEqualTo("/v1/caption")));
    }

    @Test
    void should_never_put_the_key_in_a_failure_message() {
        // a provider that quotes the key it refused
        harness.stub.stubFor(post("/v1/caption").willReturn(aResponse().withStatus(500)
                .withBody("internal error for key " + ProviderHarness.KEY)));

        assertThatThrownBy(() -> harness.describe(image)).satisfies(e -> assertThat(e.toString())
                .contains("internal error for key ****").doesNotContain(ProviderHarness.KEY));
    }
}
