package io.captionrelay.provider.imagedescriber;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.provider.imagedescriber.ImageDescriberStubs.DataUri;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented error code, on both operations, both as HTTP 200 with the code in the body and under
 * an error status: the error class, and what the real routes then do (retries that reach the stub,
 * circuit). The statuses are chosen so that, where they can, they alone would mean another class: the
 * code must win.
 */
class ImageDescriberErrorCodesTest {

    /** code, message as the document words it, error status used in the second style, expected class. */
    record Case(int code, String message, int errorStatus, ErrorClass expected) {
        @Override
        public String toString() {
            return code + " " + message;
        }
    }

    static final List<Case> DOCUMENTED = List.of(
            new Case(1002, "Unauthorized", 401, ErrorClass.AUTH),
            new Case(1003, "Invalid API Key", 403, ErrorClass.AUTH),
            new Case(1004, "Too Many Requests", 429, ErrorClass.RATE_LIMITED),
            new Case(1005, "Invalid Parameters", 422, ErrorClass.BAD_INPUT),
            new Case(2002, "Insufficient Credits", 403, ErrorClass.OUT_OF_CREDIT),   // 403 alone would be auth
            new Case(2003, "Content Blocked by Filter", 400, ErrorClass.REFUSED_CONTENT), // 400 alone would be bad input
            new Case(2004, "Invalid Image Format", 500, ErrorClass.BAD_INPUT),       // 500 alone would be transient
            new Case(2005, "Image Upload Failed", 400, ErrorClass.TRANSIENT),        // 400 alone would be bad input
            new Case(5050, "Internal Server Error", 500, ErrorClass.TRANSIENT));

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (ImageDescriberStubs operation : ImageDescriberStubs.values()) {
            for (Case c : DOCUMENTED) {
                all.add(Arguments.of(operation, c, 200));
                all.add(Arguments.of(operation, c, c.errorStatus()));
            }
        }
        return all.stream();
    }

    private ProviderHarness harness;
    private final byte[] image = TestImages.jpeg(640, 480, Color.BLUE);

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @ParameterizedTest(name = "{0} {1} under HTTP {2}")
    @MethodSource("cases")
    void should_map_each_documented_code_to_its_class_and_behaviour(ImageDescriberStubs operation, Case c, int status) throws Exception {
        harness = operation.harness();
        operation.answer(harness, ImageDescriberStubs.json(status, "{\"code\":" + c.code() + ",\"message\":\"" + c.message()
                + "\",\"request_id\":\"rq-" + c.code() + "\"}").withHeader("Retry-After", "0"));

        RelayException e = catchThrowableOfType(RelayException.class, () -> harness.describe(image));

        assertThat(e).as("an error for code %d", c.code()).isNotNull();
        assertThat(e.errorClass()).isEqualTo(c.expected());
        assertThat(e.getMessage()).contains("imagedescriber", operation.operation, "code " + c.code(), c.message(), "rq-" + c.code())
                .doesNotContain(ProviderHarness.KEY);
        switch (c.expected()) {
            case AUTH, OUT_OF_CREDIT -> {
                assertThat(operation.count(harness)).as("no retry").isEqualTo(1);
                assertThat(harness.circuits.isOpen("imagedescriber")).isTrue();
                RelayException again = catchThrowableOfType(RelayException.class, () -> harness.describe(image));
                assertThat(again.errorClass()).isEqualTo(c.expected());
                assertThat(operation.count(harness)).as("nothing sent while the circuit is open").isEqualTo(1);
            }
            case REFUSED_CONTENT -> {
                assertThat(operation.count(harness)).as("fails at once").isEqualTo(1);
                assertThat(harness.circuits.isOpen("imagedescriber")).isFalse();
            }
            case BAD_INPUT -> {
                assertThat(operation.count(harness)).as("one more try with a smaller JPEG").isEqualTo(2);
                assertThat(harness.circuits.isOpen("imagedescriber")).isFalse();
                List<DataUri> sent = operation.sent(harness).stream()
                        .map(r -> DataUri.parse(body(r).get("image").textValue())).toList();
                assertThat(sent).anySatisfy(first -> assertThat(first.bytes()).isEqualTo(image));
                assertThat(sent).anySatisfy(second -> {
                    assertThat(second.sniffed()).isEqualTo(ImageFormat.JPEG);
                    assertThat(second.declaredType()).isEqualTo("image/jpeg");
                    assertThat(second.bytes().length).isLessThan(image.length);
                });
            }
            case TRANSIENT -> {
                assertThat(operation.count(harness)).as("first try and 2 bounded retries").isEqualTo(3);
                assertThat(harness.circuits.isOpen("imagedescriber")).isFalse();
            }
            case RATE_LIMITED -> {
                assertThat(operation.count(harness)).as("first try and 3 waits").isEqualTo(4);
                assertThat(harness.circuits.isOpen("imagedescriber")).isFalse();
                assertThat(e.retryAfter()).contains(Duration.ZERO);
            }
            default -> throw new AssertionError("unexpected class " + c.expected());
        }
    }

    @ParameterizedTest
    @EnumSource(ImageDescriberStubs.class)
    void should_wait_as_long_as_retry_after_asks_then_succeed_after_1004(ImageDescriberStubs operation) throws Exception {
        harness = operation.harness();
        harness.stub.stubFor(post(urlEqualTo(operation.path)).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(ImageDescriberStubs.json(200, "{\"code\":1004,\"message\":\"Too Many Requests\",\"request_id\":\"r\"}")
                        .withHeader("Retry-After", "1"))
                .willSetStateTo("ok"));
        harness.stub.stubFor(post(urlEqualTo(operation.path)).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(operation.success()));

        long start = System.nanoTime();
        var answer = harness.describe(image);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer.providerRequestId()).isEqualTo("req-ok");
        assertThat(operation.count(harness)).isEqualTo(2);
        assertThat(took).as("the second try waited for Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @ParameterizedTest
    @EnumSource(ImageDescriberStubs.class)
    void should_quote_the_request_id_of_an_internal_error(ImageDescriberStubs operation) throws Exception {
        harness = operation.harness();
        operation.answer(harness, ImageDescriberStubs.json(500,
                "{\"code\":5050,\"message\":\"Internal Server Error\",\"request_id\":\"7f3a-support-me\"}"));

        RelayException e = catchThrowableOfType(RelayException.class, () -> harness.describe(image));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(e.getMessage()).contains("quote request_id 7f3a-support-me");
    }

    private static com.fasterxml.jackson.databind.JsonNode body(com.github.tomakehurst.wiremock.verification.LoggedRequest request) {
        try {
            return ImageDescriberStubs.body(request);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
