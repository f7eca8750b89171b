package io.captionrelay.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.captionrelay.provider.openai.OpenAiStubs.PATH;
import static io.captionrelay.provider.openai.OpenAiStubs.assertClass;
import static io.captionrelay.provider.openai.OpenAiStubs.body;
import static io.captionrelay.provider.openai.OpenAiStubs.completion;
import static io.captionrelay.provider.openai.OpenAiStubs.dataUriBytes;
import static io.captionrelay.provider.openai.OpenAiStubs.failure;
import static io.captionrelay.provider.openai.OpenAiStubs.harness;
import static io.captionrelay.provider.openai.OpenAiStubs.openAiError;
import static io.captionrelay.provider.openai.OpenAiStubs.sent;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every error answer of an OpenAI-compatible server: its error class, and what the real routes then do
 * (how many requests reached the server, whether the provider's circuit opened).
 */
class OpenAiErrorAnswersTest {

    private final byte[] image = TestImages.jpeg(40, 30, Color.BLUE);
    private ProviderHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private RelayException answeredWith(ResponseDefinitionBuilder response) throws Exception {
        return answeredWith(Map.of(), response);
    }

    private RelayException answeredWith(Map<String, String> settings, ResponseDefinitionBuilder response) throws Exception {
        harness = harness(settings);
        harness.stub.stubFor(post(PATH).willReturn(response));
        return failure(() -> harness.describe(image));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private int requests() {
        return sent(harness).size();
    }

    /** The provider is stopped: the next image fails at once with the same class and nothing more is sent. */
    private void assertStopped(ErrorClass errorClass) {
        assertThat(harness.circuits.isOpen("openai")).as("circuit open").isTrue();
        int before = requests();
        RelayException next = failure(() -> harness.describe(image));
        assertClass(next, errorClass);
        assertThat(requests()).as("nothing sent while stopped").isEqualTo(before);
    }

    // ---- auth and configuration: the circuit opens, images stay pending ----

    @Test
    void should_stop_the_provider_when_the_key_is_refused() throws Exception {
        RelayException e = answeredWith(json(401, openAiError("Incorrect API key provided: sk-proj-****6789. You can find "
                + "your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key", null)));

        assertClass(e, ErrorClass.AUTH);
        assertThat(e.getMessage()).contains("HTTP 401", "API key was refused", "invalid_api_key");
        assertThat(requests()).isEqualTo(1);
        assertStopped(ErrorClass.AUTH);
    }

    @Test
    void should_say_a_key_is_needed_when_the_server_refuses_a_call_without_one() throws Exception {
        RelayException e = answeredWith(Map.of("api-key", ""), json(401, openAiError("You didn't provide an API key.",
                "invalid_request_error", null, null)));

        assertClass(e, ErrorClass.AUTH);
        assertThat(e.getMessage()).contains("none is configured", "RELAY_PROVIDER_OPENAI_API_KEY");
        assertThat(sent(harness).get(0).containsHeader("Authorization")).isFalse();
        assertStopped(ErrorClass.AUTH);
    }

    @Test
    void should_stop_the_provider_when_the_key_is_forbidden() throws Exception {
        RelayException e = answeredWith(json(403, openAiError("Project proj_x does not have access to model gpt-4o-mini",
                "invalid_request_error", "model_not_found", null)));

        assertClass(e, ErrorClass.AUTH);
        assertThat(e.getMessage()).contains("HTTP 403", "does not have access");
        assertThat(requests()).isEqualTo(1);
        assertStopped(ErrorClass.AUTH);
    }

    @Test
    void should_stop_the_provider_when_the_model_does_not_exist() throws Exception {
        RelayException e = answeredWith(json(404, openAiError("The model `gpt-4o-mini` does not exist or you do not have "
                + "access to it.", "invalid_request_error", "model_not_found", null)));

        assertClass(e, ErrorClass.AUTH);
        assertThat(e.getMessage()).contains("HTTP 404", "misconfigured", "gpt-4o-mini", "relay.provider.openai.model");
        assertThat(requests()).isEqualTo(1);
        assertStopped(ErrorClass.AUTH);
    }

    @Test
    void should_read_the_ollama_error_shape() throws Exception {
        RelayException e = answeredWith(Map.of("model", "llava"), json(404, "{\"error\":\"model \\\"llava\\\" not found, try pulling it first\"}"));

        assertClass(e, ErrorClass.AUTH);
        assertThat(e.getMessage()).contains("model \"llava\" not found, try pulling it first");
        assertThat(requests()).isEqualTo(1);
        assertStopped(ErrorClass.AUTH);
    }

    @Test
    void should_stop_the_provider_when_a_setting_is_refused_rather_than_the_image() throws Exception {
        RelayException e = answeredWith(json(400, openAiError("Unsupported parameter: 'max_tokens' is not supported with "
                + "this model. Use 'max_completion_tokens' instead.", "invalid_request_error", "unsupported_parameter", "max_tokens")));

        assertClass(e, ErrorClass.AUTH);
        assertThat(e.getMessage()).contains("misconfigured", "max_completion_tokens", "param max_tokens");
        assertThat(requests()).as("no smaller-image retry: the image was not the problem").isEqualTo(1);
        assertStopped(ErrorClass.AUTH);
    }

    @Test
    void should_stop_the_provider_when_max_tokens_runs_out_before_any_text() throws Exception {
        RelayException e = answeredWith(json(200, completion("chatcmpl-1", "", "length")));

        assertClass(e, ErrorClass.AUTH);
        assertThat(e.getMessage()).contains("max_tokens=500", "relay.provider.openai.max-tokens");
        assertThat(requests()).isEqualTo(1);
        assertStopped(ErrorClass.AUTH);
    }

    // ---- out of credit ----

    @Test
    void should_stop_the_provider_when_the_quota_is_used_up() throws Exception {
        RelayException e = answeredWith(json(429, openAiError("You exceeded your current quota, please check your plan "
                + "and billing details.", "insufficient_quota", "insufficient_quota", null)));

        assertClass(e, ErrorClass.OUT_OF_CREDIT);
        assertThat(e.getMessage()).contains("HTTP 429", "insufficient_quota");
        assertThat(requests()).as("never retried as a rate limit").isEqualTo(1);
        assertStopped(ErrorClass.OUT_OF_CREDIT);
    }

    @Test
    void should_stop_the_provider_on_the_billing_codes_of_insufficient_quota() throws Exception {
        RelayException e = answeredWith(json(429, openAiError("Your credit balance is exhausted.", "insufficient_quota",
                "credit_balance_exhausted", null)).withHeader("Retry-After", "0"));

        assertClass(e, ErrorClass.OUT_OF_CREDIT);
        assertThat(requests()).isEqualTo(1);
        assertStopped(ErrorClass.OUT_OF_CREDIT);
    }

    @Test
    void should_stop_the_provider_on_payment_required() throws Exception {
        RelayException e = answeredWith(json(402, openAiError("Insufficient credits", "payment_required", null, null)));

        assertClass(e, ErrorClass.OUT_OF_CREDIT);
        assertThat(requests()).isEqualTo(1);
        assertStopped(ErrorClass.OUT_OF_CREDIT);
    }

    // ---- rate limits: wait as asked, retry, never a failure of the provider ----

    @Test
    void should_wait_the_retry_after_the_server_asks_for_then_succeed() throws Exception {
        harness = harness(Map.of());
        harness.stub.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(json(429, openAiError("Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3.",
                        "requests", "rate_limit_exceeded", null)).withHeader("Retry-After", "1"))
                .willSetStateTo("ok"));
        harness.stub.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(json(200, completion("after the wait"))));

        long started = System.nanoTime();
        assertThat(harness.describe(image).description()).isEqualTo("after the wait");
        long waitedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(requests()).isEqualTo(2);
        assertThat(waitedMs).as("waited the Retry-After second, not the 5 ms default").isGreaterThanOrEqualTo(950);
        assertThat(harness.circuits.isOpen("openai")).isFalse();
    }

    @Test
    void should_leave_an_image_rate_limited_after_the_bounded_retries_without_stopping_the_provider() throws Exception {
        RelayException e = answeredWith(json(429, openAiError("Rate limit reached", "tokens", "rate_limit_exceeded", null))
                .withHeader("Retry-After", "0"));

        assertClass(e, ErrorClass.RATE_LIMITED);
        assertThat(e.getMessage()).contains("rate limited", "rate_limit_exceeded");
        assertThat(requests()).as("first try and 3 retries").isEqualTo(4);
        assertThat(harness.circuits.isOpen("openai")).isFalse();
    }

    // ---- refused content: fails at once ----

    @Test
    void should_fail_at_once_when_the_content_policy_refuses_the_image() throws Exception {
        RelayException e = answeredWith(json(400, openAiError("Your input image may contain content that is not allowed by "
                + "our safety system.", "invalid_request_error", "content_policy_violation", null)));

        assertClass(e, ErrorClass.REFUSED_CONTENT);
        assertThat(e.getMessage()).contains("content refused", "content_policy_violation");
        assertThat(requests()).as("no retry").isEqualTo(1);
        assertThat(harness.circuits.isOpen("openai")).isFalse();
    }

    @Test
    void should_fail_at_once_when_an_azure_content_filter_refuses_the_prompt() throws Exception {
        RelayException e = answeredWith(json(400, "{\"error\":{\"message\":\"The response was filtered due to the prompt "
                + "triggering Azure OpenAI's content management policy.\",\"type\":null,\"param\":\"prompt\",\"code\":"
                + "\"content_filter\",\"status\":400,\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}"));

        assertClass(e, ErrorClass.REFUSED_CONTENT);
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void should_fail_at_once_when_the_answer_was_stopped_by_the_content_filter() throws Exception {
        RelayException e = answeredWith(json(200, completion("chatcmpl-2", "", "content_filter")));

        assertClass(e, ErrorClass.REFUSED_CONTENT);
        assertThat(e.getMessage()).contains("content_filter");
        assertThat(requests()).isEqualTo(1);
        assertThat(harness.circuits.isOpen("openai")).isFalse();
    }

    @Test
    void should_fail_at_once_when_the_model_refuses() throws Exception {
        RelayException e = answeredWith(json(200, "{\"id\":\"chatcmpl-3\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                + "\"assistant\",\"content\":null,\"refusal\":\"I'm sorry, I can't help with that.\"},\"finish_reason\":\"stop\"}]}"));

        assertClass(e, ErrorClass.REFUSED_CONTENT);
        assertThat(e.getMessage()).contains("the model refused", "can't help with that");
        assertThat(requests()).isEqualTo(1);
    }

    // ---- bad input: once more with a smaller JPEG ----

    @Test
    void should_retry_once_with_a_smaller_jpeg_when_the_image_is_refused() throws Exception {
        byte[] photo = TestImages.jpeg(TestImages.grainyPicture(400, 300, 3), 0.9f);
        harness = harness(Map.of());
        harness.stub.stubFor(post(PATH).willReturn(json(400, openAiError("You uploaded an unsupported image. Please make "
                + "sure your image is valid.", "invalid_request_error", "invalid_image_format", null))));

        RelayException e = failure(() -> harness.describe(photo));

        assertClass(e, ErrorClass.BAD_INPUT);
        assertThat(e.getMessage()).contains("invalid_image_format", "unsupported image");
        List<LoggedRequest> requests = sent(harness);
        assertThat(requests).hasSize(2);
        byte[] first = imageSent(requests.get(0));
        byte[] second = imageSent(requests.get(1));
        assertThat(first).isEqualTo(photo);
        assertThat(ImageFormat.sniff(second)).contains(ImageFormat.JPEG);
        assertThat(second.length).isLessThan(first.length);
        assertThat(harness.circuits.isOpen("openai")).isFalse();
    }

    @Test
    void should_treat_payload_too_large_as_bad_input() throws Exception {
        RelayException e = answeredWith(aResponse().withStatus(413).withBody("<html><body>413 Request Entity Too Large</body></html>"));

        assertClass(e, ErrorClass.BAD_INPUT);
        assertThat(e.getMessage()).contains("HTTP 413", "too large");
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void should_read_the_vllm_flat_error_shape() throws Exception {
        RelayException e = answeredWith(json(400, "{\"object\":\"error\",\"message\":\"Failed to load image: cannot identify "
                + "image file\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}"));

        assertClass(e, ErrorClass.BAD_INPUT);
        assertThat(e.getMessage()).contains("BadRequestError", "cannot identify image file");
        assertThat(requests()).isEqualTo(2);
    }

    // ---- transient: bounded backoff ----

    @Test
    void should_retry_server_errors_with_bounded_backoff_then_give_up() throws Exception {
        RelayException e = answeredWith(json(500, openAiError("The server had an error while processing your request.",
                "server_error", null, null)));

        assertClass(e, ErrorClass.TRANSIENT);
        assertThat(e.getMessage()).contains("HTTP 500", "server_error");
        assertThat(requests()).as("first try and 2 retries").isEqualTo(3);
        assertThat(harness.circuits.isOpen("openai")).isFalse();
    }

    @Test
    void should_retry_an_overloaded_server_and_succeed() throws Exception {
        harness = harness(Map.of());
        harness.stub.stubFor(post(PATH).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("<html>503 Service Unavailable</html>")).willSetStateTo("ok"));
        harness.stub.stubFor(post(PATH).inScenario("busy").whenScenarioStateIs("ok").willReturn(json(200, completion("fine"))));

        assertThat(harness.describe(image).description()).isEqualTo("fine");
        assertThat(requests()).isEqualTo(2);
    }

    // ---- garbage answers: transient, with a clear message ----

    @Test
    void should_treat_an_html_page_with_200_as_transient() throws Exception {
        RelayException e = answeredWith(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><head><title>Gateway login</title></head><body>Sign in</body></html>"));

        assertClass(e, ErrorClass.TRANSIENT);
        assertThat(e.getMessage()).contains("HTTP 200", "not a chat completion", "not JSON", "Gateway login");
        assertThat(requests()).isEqualTo(3);
    }

    @Test
    void should_treat_an_empty_body_with_200_as_transient() throws Exception {
        RelayException e = answeredWith(aResponse().withStatus(200));

        assertClass(e, ErrorClass.TRANSIENT);
        assertThat(e.getMessage()).contains("not a chat completion", "empty body");
        assertThat(requests()).isEqualTo(3);
    }

    @Test
    void should_treat_json_without_choices_as_transient() throws Exception {
        RelayException e = answeredWith(json(200, "{\"id\":\"chatcmpl-4\",\"object\":\"chat.completion\",\"choices\":[]}"));

        assertClass(e, ErrorClass.TRANSIENT);
        assertThat(e.getMessage()).contains("without choices[0].message");
        assertThat(requests()).isEqualTo(3);
    }

    @Test
    void should_treat_a_json_array_as_transient() throws Exception {
        RelayException e = answeredWith(json(200, "[1,2,3]"));

        assertClass(e, ErrorClass.TRANSIENT);
        assertThat(e.getMessage()).contains("not an object");
    }

    @Test
    void should_treat_an_error_object_with_200_as_transient() throws Exception {
        RelayException e = answeredWith(json(200, "{\"error\":\"llama runner process has terminated\"}"));

        assertClass(e, ErrorClass.TRANSIENT);
        assertThat(e.getMessage()).contains("llama runner process has terminated");
        assertThat(requests()).isEqualTo(3);
    }

    @Test
    void should_retry_an_answer_with_no_text() throws Exception {
        RelayException e = answeredWith(json(200, completion("chatcmpl-5", "   ", "stop")));

        assertClass(e, ErrorClass.TRANSIENT);
        assertThat(e.getMessage()).contains("no text", "finish_reason stop");
        assertThat(requests()).isEqualTo(3);
    }

    // ---- the key never appears in a failure ----

    @Test
    void should_mask_a_bearer_key_a_server_echoes_back() throws Exception {
        RelayException e = answeredWith(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"rejected header {{request.headers.Authorization}}\",\"type\":\"auth\"}}")
                .withTransformers("response-template"));

        assertClass(e, ErrorClass.AUTH);
        assertThat(e.getMessage()).contains("rejected header Bearer ****");
        assertThat(harness.stub.getAllServeEvents().get(0).getResponse().getBodyAsString()).contains(ProviderHarness.KEY);
    }

    @Test
    void should_mask_a_bare_key_a_server_echoes_back_in_any_answer() throws Exception {
        String echo = "{{request.headers.[api-key]}}";
        for (ResponseDefinitionBuilder response : List.of(
                json(400, "{\"error\":{\"message\":\"key " + echo + " is not valid for this deployment\"}}"),
                aResponse().withStatus(500).withBody("<html>upstream failed for " + echo + "</html>"),
                json(200, "{\"error\":\"unknown key " + echo + "\"}"),
                aResponse().withStatus(200).withBody("not json " + echo))) {
            RelayException e = answeredWith(Map.of("key-header", "api-key"), response.withTransformers("response-template"));

            assertThat(e.getMessage()).doesNotContain(ProviderHarness.KEY).contains("****");
            assertThat(e.toString()).doesNotContain(ProviderHarness.KEY);
            assertThat(harness.stub.getAllServeEvents().get(0).getResponse().getBodyAsString()).contains(ProviderHarness.KEY);
            harness.close();
            harness = null;
        }
    }

    private static byte[] imageSent(LoggedRequest request) throws Exception {
        return dataUriBytes(body(request).path("messages").path(0).path("content").path(1).path("image_url").path("url").asText());
    }
}
