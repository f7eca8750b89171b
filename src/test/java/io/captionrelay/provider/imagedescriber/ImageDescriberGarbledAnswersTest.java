package io.captionrelay.provider.imagedescriber;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.captionrelay.provider.imagedescriber.ImageDescriberStubs.CONTENT;
import static io.captionrelay.provider.imagedescriber.ImageDescriberStubs.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers outside the documents: pages and bodies that are no answer at all, error statuses without a
 * code, undocumented codes. None may end in a NullPointerException or leak the key.
 */
class ImageDescriberGarbledAnswersTest {

    private ProviderHarness harness;
    private final byte[] image = TestImages.jpeg(320, 240, Color.BLUE);

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private RelayException fail(ImageDescriberStubs operation, ResponseDefinitionBuilder answer) throws Exception {
        harness = operation.harness();
        operation.answer(harness, answer);
        Exception e = catchThrowableOfType(Exception.class, () -> harness.describe(image));
        assertThat(e).isInstanceOf(RelayException.class);
        assertThat(e.getMessage()).contains("imagedescriber").doesNotContain(ProviderHarness.KEY);
        return (RelayException) e;
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of(CONTENT, "HTML page", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>"), "not a JSON object"),
                Arguments.of(CONTENT, "empty body", aResponse().withStatus(200), "empty body"),
                Arguments.of(CONTENT, "JSON array", ImageDescriberStubs.json(200, "[1,2]"), "not a JSON object"),
                Arguments.of(CONTENT, "no data", ImageDescriberStubs.json(200, "{\"code\":0,\"message\":\"success\",\"request_id\":\"r-nd\"}"),
                        "no data object (request_id r-nd)"),
                Arguments.of(CONTENT, "data is a string", ImageDescriberStubs.json(200, "{\"code\":0,\"data\":\"# text\"}"), "no data object"),
                Arguments.of(CONTENT, "no content", ImageDescriberStubs.json(200, "{\"code\":0,\"data\":{}}"), "no data.content"),
                Arguments.of(CONTENT, "blank content", ImageDescriberStubs.json(200, "{\"code\":0,\"data\":{\"content\":\"  \"}}"), "no data.content"),
                Arguments.of(CONTENT, "content not text", ImageDescriberStubs.json(200, "{\"code\":0,\"data\":{\"content\":{\"a\":1}}}"),
                        "no data.content"),
                Arguments.of(TAGS, "HTML page", aResponse().withStatus(200).withBody("<html>maintenance</html>"), "not a JSON object"),
                Arguments.of(TAGS, "empty body", aResponse().withStatus(200), "empty body"),
                Arguments.of(TAGS, "no data", ImageDescriberStubs.json(200, "{\"code\":0}"), "no data object"),
                Arguments.of(TAGS, "no data.tags", ImageDescriberStubs.json(200, "{\"code\":0,\"data\":{\"credits\":{\"amount\":\"1\"}}}"),
                        "no data.tags object"),
                Arguments.of(TAGS, "empty data.tags", ImageDescriberStubs.json(200, "{\"code\":0,\"data\":{\"tags\":{\"tags\":[]}}}"),
                        "no tags, title or description"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("garbage")
    void should_treat_a_garbled_success_as_transient(ImageDescriberStubs operation, String what, ResponseDefinitionBuilder answer,
                                                     String explained) throws Exception {
        RelayException e = fail(operation, answer);

        assertThat(e.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(e.getMessage()).contains(explained);
        assertThat(operation.count(harness)).as("bounded retries").isEqualTo(3);
    }

    static Stream<Arguments> statusesWithoutCode() {
        return Stream.of(
                Arguments.of(503, "<html>Service Unavailable</html>", ErrorClass.TRANSIENT, 3),
                Arguments.of(502, "", ErrorClass.TRANSIENT, 3),
                Arguments.of(500, "{\"code\":0,\"message\":\"success\"}", ErrorClass.TRANSIENT, 3),
                Arguments.of(401, "Unauthorized", ErrorClass.AUTH, 1),
                Arguments.of(402, "{\"error\":\"payment required\"}", ErrorClass.OUT_OF_CREDIT, 1),
                Arguments.of(429, "slow down", ErrorClass.RATE_LIMITED, 4),
                Arguments.of(400, "{\"error\":\"bad request\"}", ErrorClass.BAD_INPUT, 2),
                Arguments.of(413, "<html>Request Entity Too Large</html>", ErrorClass.BAD_INPUT, 2),
                Arguments.of(400, "{\"code\":\"abc\",\"message\":\"?\"}", ErrorClass.BAD_INPUT, 2));
    }

    @ParameterizedTest(name = "HTTP {0}: {1}")
    @MethodSource("statusesWithoutCode")
    void should_fall_back_to_the_http_status_without_a_readable_code(int status, String body, ErrorClass expected, int requests)
            throws Exception {
        RelayException e = fail(CONTENT, aResponse().withStatus(status).withHeader("Retry-After", "0").withBody(body));

        assertThat(e.errorClass()).isEqualTo(expected);
        assertThat(e.getMessage()).contains("HTTP " + status);
        assertThat(CONTENT.count(harness)).isEqualTo(requests);
        assertThat(harness.circuits.isOpen("imagedescriber")).isEqualTo(expected == ErrorClass.AUTH || expected == ErrorClass.OUT_OF_CREDIT);
    }

    static Stream<Arguments> undocumentedCodes() {
        return Stream.of(
                Arguments.of(200, 4242, ErrorClass.BAD_INPUT, 2),
                Arguments.of(200, 1999, ErrorClass.BAD_INPUT, 2),
                Arguments.of(200, 5999, ErrorClass.TRANSIENT, 3),
                Arguments.of(503, 4242, ErrorClass.TRANSIENT, 3),
                Arguments.of(401, 4242, ErrorClass.AUTH, 1),
                Arguments.of(429, 4242, ErrorClass.RATE_LIMITED, 4));
    }

    @ParameterizedTest(name = "HTTP {0} code {1}")
    @MethodSource("undocumentedCodes")
    void should_classify_an_undocumented_code_by_status_then_by_family(int status, int code, ErrorClass expected, int requests)
            throws Exception {
        RelayException e = fail(CONTENT, ImageDescriberStubs.json(status, "{\"code\":" + code + ",\"message\":\"Something new\"}")
                .withHeader("Retry-After", "0"));

        assertThat(e.errorClass()).isEqualTo(expected);
        assertThat(e.getMessage()).contains("code " + code, "undocumented", "Something new");
        assertThat(CONTENT.count(harness)).isEqualTo(requests);
    }

    @Test
    void should_read_a_code_sent_as_a_string() throws Exception {
        RelayException e = fail(CONTENT, ImageDescriberStubs.json(200, "{\"code\":\"2003\",\"message\":\"Content Blocked by Filter\"}"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.REFUSED_CONTENT);
        assertThat(CONTENT.count(harness)).isEqualTo(1);
    }

    @Test
    void should_accept_a_success_without_a_code_when_the_status_and_data_say_so() throws Exception {
        harness = CONTENT.harness();
        CONTENT.answer(harness, ImageDescriberStubs.json(200, "{\"data\":{\"content\":\"A blue square.\"}}"));

        assertThat(harness.describe(image).description()).isEqualTo("A blue square.");
    }

    @Test
    void should_not_repeat_a_key_the_provider_echoes_in_its_message() throws Exception {
        RelayException e = fail(CONTENT, ImageDescriberStubs.json(401, "{\"code\":1003,\"message\":\"Invalid API Key: Bearer "
                + ProviderHarness.KEY + "\"}"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThat(e.getMessage()).contains("Bearer ****");
    }

    @Test
    void should_not_repeat_a_key_echoed_in_a_page_without_a_code() throws Exception {
        RelayException e = fail(TAGS, aResponse().withStatus(500)
                .withBody("<pre>POST /api/v1/generate_tags\nauthorization: Bearer " + ProviderHarness.KEY + "\n</pre>"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(e.getMessage()).contains("Bearer ****");
    }

    @Test
    void should_not_repeat_a_key_echoed_in_a_garbled_success() throws Exception {
        RelayException e = fail(CONTENT, ImageDescriberStubs.json(200,
                "{\"code\":0,\"request_id\":\"x\",\"echo\":{\"authorization\":\"Bearer " + ProviderHarness.KEY + "\"}}"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    }
}
