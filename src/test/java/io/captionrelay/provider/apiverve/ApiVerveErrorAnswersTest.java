package io.captionrelay.provider.apiverve;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error answer APIVerve documents (PROVIDERS.md §4), as an error status and as HTTP 200 with
 * {@code status:"error"}, and garbage answers: the error class, and what the routes then do.
 * The harness retries transient errors twice and rate limits three times.
 */
class ApiVerveErrorAnswersTest {

    private static final String PATH = "/v1/imagecaption";
    private static final String OK = "{\"status\":\"ok\",\"error\":null,\"data\":{\"caption\":\"a picture\"}}";

    private ProviderHarness harness;
    private final byte[] image = TestImages.jpeg(TestImages.grainyPicture(200, 150, 7), 0.9f);

    @BeforeEach
    void start() throws Exception {
        harness = new ProviderHarness(new ProviderTask("apiverve", "apiverve", "imagecaption", null, ""),
                ApiVerveAdapter::new, Map.of(), ProviderHarness.realPreparation());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    static Stream<Arguments> errorStatuses() {
        return Stream.of(
                arguments(400, ErrorClass.BAD_INPUT),
                arguments(401, ErrorClass.AUTH),
                arguments(403, ErrorClass.OUT_OF_CREDIT),
                arguments(429, ErrorClass.RATE_LIMITED),
                arguments(500, ErrorClass.TRANSIENT),
                arguments(503, ErrorClass.TRANSIENT));
    }

    /** The message is the same for every status: the class must come from the status alone. */
    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @MethodSource("errorStatuses")
    void should_classify_each_documented_error_status_and_act_on_it(int status, ErrorClass expected) {
        harness.stub.stubFor(post(PATH).willReturn(apiVerve(status)
                .withBody("{\"status\":\"error\",\"error\":\"Request failed\",\"data\":null}")));

        RelayException failure = failsWith(expected);

        assertThat(failure.getMessage()).contains("HTTP " + status, "Request failed", "X-Request-ID req-err-1");
        assertBehaviour(expected);
    }

    static Stream<Arguments> errorMessagesAtHttp200() {
        return Stream.of(
                arguments("Invalid image format. Supported formats: JPG, PNG, GIF", ErrorClass.BAD_INPUT),
                arguments("Missing required parameter: image", ErrorClass.BAD_INPUT),
                arguments("Invalid API key", ErrorClass.AUTH),
                arguments("Unauthorized", ErrorClass.AUTH),
                arguments("Insufficient credits. Please upgrade your plan", ErrorClass.OUT_OF_CREDIT),
                arguments("Monthly quota exceeded", ErrorClass.OUT_OF_CREDIT),
                arguments("Rate limit exceeded", ErrorClass.RATE_LIMITED),
                arguments("Too many requests, rate limit quota of your plan reached", ErrorClass.RATE_LIMITED),
                arguments("Internal server error", ErrorClass.TRANSIENT),
                arguments("Service temporarily unavailable", ErrorClass.TRANSIENT));
    }

    @ParameterizedTest(name = "HTTP 200, status error \"{0}\" -> {1}")
    @MethodSource("errorMessagesAtHttp200")
    void should_classify_status_error_at_http_200_by_its_message_and_act_on_it(String error, ErrorClass expected) {
        harness.stub.stubFor(post(PATH).willReturn(apiVerve(200)
                .withBody("{\"status\":\"error\",\"error\":\"" + error + "\",\"data\":null}")));

        RelayException failure = failsWith(expected);

        assertThat(failure.getMessage()).contains("HTTP 200", "status \"error\"", error);
        assertBehaviour(expected);
    }

    @Test
    void should_wait_as_asked_by_retry_after_and_then_succeed() throws Exception {
        harness.stub.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(apiVerve(429).withHeader("Retry-After", "0")
                        .withBody("{\"status\":\"error\",\"error\":\"Too Many Requests\",\"data\":null}"))
                .willSetStateTo("ok"));
        harness.stub.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs("ok").willReturn(apiVerve(200).withBody(OK)));

        assertThat(harness.describe(image).caption()).isEqualTo("a picture");
        assertThat(requests()).hasSize(2);
    }

    @Test
    void should_wait_for_the_rate_limit_reset_when_there_is_no_retry_after_and_then_succeed() throws Exception {
        harness.stub.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Limit", "10")
                        .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "0")
                        .withBody("{\"status\":\"error\",\"error\":\"Too Many Requests\",\"data\":null}"))
                .willSetStateTo("ok"));
        harness.stub.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs("ok").willReturn(apiVerve(200).withBody(OK)));

        assertThat(harness.describe(image).caption()).isEqualTo("a picture");
        assertThat(requests()).hasSize(2);
    }

    @Test
    void should_retry_a_server_error_and_then_succeed() throws Exception {
        harness.stub.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(apiVerve(503).withBody("{\"status\":\"error\",\"error\":\"Service Unavailable\",\"data\":null}"))
                .willSetStateTo("ok"));
        harness.stub.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs("ok").willReturn(apiVerve(200).withBody(OK)));

        assertThat(harness.describe(image).caption()).isEqualTo("a picture");
        assertThat(requests()).hasSize(2);
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                arguments(200, "<html><body><h1>Welcome to nginx!</h1></body></html>", "not a JSON object"),
                arguments(200, "", "empty body"),
                arguments(200, "[\"ok\"]", "not a JSON object"),
                arguments(200, "{\"status\":\"ok\",\"error\":null}", "no data.caption"),
                arguments(200, "{\"status\":\"ok\",\"error\":null,\"data\":null}", "no data.caption"),
                arguments(200, "{\"status\":\"ok\",\"error\":null,\"data\":{\"caption\":\"  \"}}", "no data.caption"),
                arguments(502, "<html><body>Bad Gateway</body></html>", "Bad Gateway"));
    }

    @ParameterizedTest(name = "HTTP {0} \"{1}\" -> transient")
    @MethodSource("garbage")
    void should_treat_garbage_answers_as_transient_with_a_clear_message(int status, String body, String expected) {
        harness.stub.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(body)));

        RelayException failure = failsWith(ErrorClass.TRANSIENT);

        assertThat(failure.getMessage()).startsWith("apiverve answered HTTP " + status + ": ").contains(expected);
        assertBehaviour(ErrorClass.TRANSIENT);
    }

    private static ResponseDefinitionBuilder apiVerve(int status) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("X-Request-ID", "req-err-1").withHeader("X-RateLimit-Limit", "10")
                .withHeader("X-RateLimit-Remaining", status == 429 ? "0" : "9").withHeader("X-RateLimit-Reset", "0");
        return status == 429 ? answer.withHeader("Retry-After", "0") : answer;
    }

    private RelayException failsWith(ErrorClass expected) {
        return harness.failsWith(image, expected);
    }

    private void assertBehaviour(ErrorClass errorClass) {
        harness.assertRoutesAfter(errorClass, image, "image");
    }

    private List<LoggedRequest> requests() {
        return harness.requests();
    }
}
