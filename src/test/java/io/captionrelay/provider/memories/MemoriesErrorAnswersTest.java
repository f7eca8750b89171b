package io.captionrelay.provider.memories;

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
 * memories.ai's failure answer ({@code code:-1} with {@code msg}) at an error status and at HTTP 200, and
 * garbage answers: the error class, and what the routes then do. The harness retries transient errors
 * twice and rate limits three times.
 */
class MemoriesErrorAnswersTest {

    private static final String PATH = "/v1/understand/uploadImg";
    private static final String OK = "{\"code\":0,\"msg\":\"success\",\"data\":{\"text\":\"a picture\","
            + "\"token\":{\"input\":1,\"output\":2,\"total\":3}}}";

    private ProviderHarness harness;
    private final byte[] image = TestImages.jpeg(TestImages.grainyPicture(200, 150, 7), 0.9f);

    @BeforeEach
    void start() throws Exception {
        harness = new ProviderHarness(new ProviderTask("memories", "memories", "uploadImg", null, ""),
                MemoriesAdapter::new, Map.of(), ProviderHarness.realPreparation());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    static Stream<Arguments> errorStatuses() {
        return Stream.of(
                arguments(400, ErrorClass.BAD_INPUT),
                arguments(401, ErrorClass.AUTH),
                arguments(402, ErrorClass.OUT_OF_CREDIT),
                arguments(429, ErrorClass.RATE_LIMITED),
                arguments(500, ErrorClass.TRANSIENT),
                arguments(502, ErrorClass.TRANSIENT),
                arguments(503, ErrorClass.TRANSIENT));
    }

    /** The msg is the same for every status: the class must come from the status alone. */
    @ParameterizedTest(name = "HTTP {0} code -1 -> {1}")
    @MethodSource("errorStatuses")
    void should_classify_code_minus_one_at_an_error_status_by_the_status_and_act_on_it(int status, ErrorClass expected) {
        harness.stub.stubFor(post(PATH).willReturn(memories(status).withBody("{\"code\":-1,\"msg\":\"request failed\",\"data\":null}")));

        RelayException failure = failsWith(expected);

        assertThat(failure.getMessage()).isEqualTo("memories answered HTTP " + status + ": request failed");
        assertBehaviour(expected);
    }

    static Stream<Arguments> failuresAtHttp200() {
        return Stream.of(
                arguments("image format not supported", ErrorClass.BAD_INPUT),
                arguments("failed", ErrorClass.BAD_INPUT),
                arguments("Unauthorized", ErrorClass.AUTH),
                arguments("invalid api key", ErrorClass.AUTH),
                arguments("Insufficient balance", ErrorClass.OUT_OF_CREDIT),
                arguments("Too many requests", ErrorClass.RATE_LIMITED),
                arguments("Request too frequent, rate limit reached", ErrorClass.RATE_LIMITED),
                arguments("Internal server error", ErrorClass.TRANSIENT),
                arguments("Server busy, please retry later", ErrorClass.TRANSIENT));
    }

    @ParameterizedTest(name = "HTTP 200 code -1 \"{0}\" -> {1}")
    @MethodSource("failuresAtHttp200")
    void should_classify_code_minus_one_at_http_200_by_its_msg_and_act_on_it(String msg, ErrorClass expected) {
        harness.stub.stubFor(post(PATH).willReturn(memories(200).withBody("{\"code\":-1,\"msg\":\"" + msg + "\",\"data\":null}")));

        RelayException failure = failsWith(expected);

        assertThat(failure.getMessage()).isEqualTo("memories answered HTTP 200: code -1: " + msg);
        assertBehaviour(expected);
    }

    @Test
    void should_wait_as_asked_on_429_and_then_succeed() throws Exception {
        harness.stub.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(memories(429).withBody("{\"code\":-1,\"msg\":\"too many requests\",\"data\":null}"))
                .willSetStateTo("ok"));
        harness.stub.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs("ok").willReturn(memories(200).withBody(OK)));

        assertThat(harness.describe(image).description()).isEqualTo("a picture");
        assertThat(requests()).hasSize(2);
    }

    @Test
    void should_carry_retry_after_on_a_rate_limit() {
        harness.stub.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                .withBody("{\"code\":-1,\"msg\":\"too many requests\",\"data\":null}")));

        assertThat(failsWith(ErrorClass.RATE_LIMITED).retryAfter()).contains(java.time.Duration.ZERO);
    }

    @Test
    void should_retry_a_server_error_and_then_succeed() throws Exception {
        harness.stub.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(memories(500).withBody("{\"code\":-1,\"msg\":\"internal error\",\"data\":null}"))
                .willSetStateTo("ok"));
        harness.stub.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs("ok").willReturn(memories(200).withBody(OK)));

        assertThat(harness.describe(image).description()).isEqualTo("a picture");
        assertThat(requests()).hasSize(2);
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                arguments(200, "<html><body><h1>Welcome to nginx!</h1></body></html>", "not a JSON object"),
                arguments(200, "", "empty body"),
                arguments(200, "\"success\"", "not a JSON object"),
                arguments(200, "{\"msg\":\"success\",\"data\":{\"text\":\"a picture\"}}", "no code"),
                arguments(200, "{\"code\":0,\"msg\":\"success\"}", "no data.text"),
                arguments(200, "{\"code\":0,\"msg\":\"success\",\"data\":null}", "no data.text"),
                arguments(200, "{\"code\":0,\"msg\":\"success\",\"data\":{\"text\":\"\",\"token\":{}}}", "no data.text"),
                arguments(504, "<html><body>Gateway Timeout</body></html>", "Gateway Timeout"));
    }

    @ParameterizedTest(name = "HTTP {0} \"{1}\" -> transient")
    @MethodSource("garbage")
    void should_treat_garbage_answers_as_transient_with_a_clear_message(int status, String body, String expected) {
        harness.stub.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(body)));

        RelayException failure = failsWith(ErrorClass.TRANSIENT);

        assertThat(failure.getMessage()).startsWith("memories answered HTTP " + status + ": ").contains(expected);
        assertBehaviour(ErrorClass.TRANSIENT);
    }

    private static ResponseDefinitionBuilder memories(int status) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withHeader("Content-Type", "application/json");
        return status == 429 ? answer.withHeader("Retry-After", "0") : answer;
    }

    private RelayException failsWith(ErrorClass expected) {
        return harness.failsWith(image, expected);
    }

    private void assertBehaviour(ErrorClass errorClass) {
        harness.assertRoutesAfter(errorClass, image, "file");
    }

    private List<LoggedRequest> requests() {
        return harness.requests();
    }
}
