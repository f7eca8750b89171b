package io.captionrelay.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderTask;
import io.captionrelay.provider.ImagePreparation;
import io.captionrelay.testing.ProviderHarness;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared pieces of the OpenAI-compatible contract tests: the harness, answer bodies, what the stub received. */
final class OpenAiStubs {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ProviderTask TASK = new ProviderTask("openai", "openai", "chat_completions", null, "");
    static final String PATH = "/v1/chat/completions";
    static final String MODEL = "gpt-4o-mini";

    private OpenAiStubs() {
    }

    /** The real routes with the real image preparation; {@code model} is set unless the settings give one. */
    static ProviderHarness harness(Map<String, String> settings) throws Exception {
        return harness(settings, ProviderHarness.realPreparation());
    }

    static ProviderHarness harness(Map<String, String> settings, ImagePreparation preparation) throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("model", MODEL);
        values.putAll(settings);
        return new ProviderHarness(TASK, OpenAiCompatibleAdapter::new, values, preparation);
    }

    /** An OpenAI chat completion answer. */
    static String completion(String id, String content, String finishReason) {
        ObjectNode body = JSON.createObjectNode().put("id", id).put("object", "chat.completion").put("created", 1_700_000_000)
                .put("model", MODEL);
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", finishReason);
        body.putObject("usage").put("prompt_tokens", 812).put("completion_tokens", 64).put("total_tokens", 876);
        return body.toString();
    }

    static String completion(String content) {
        return completion("chatcmpl-abc123", content, "stop");
    }

    static String openAiError(String message, String type, String code, String param) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        return body.toString();
    }

    /** Every request the stub received, oldest first. */
    static List<LoggedRequest> sent(ProviderHarness harness) {
        return harness.stub.findAll(anyRequestedFor(anyUrl()));
    }

    static JsonNode body(LoggedRequest request) throws Exception {
        return JSON.readTree(request.getBodyAsString());
    }

    /** The bytes inside a data URI, after checking that its declared type is the type of those bytes. */
    static byte[] dataUriBytes(String uri) {
        assertThat(uri).startsWith("data:image/").contains(";base64,");
        String declared = uri.substring("data:".length(), uri.indexOf(";base64,"));
        byte[] bytes = Base64.getDecoder().decode(uri.substring(uri.indexOf(";base64,") + ";base64,".length()));
        assertThat(ImageFormat.sniff(bytes)).as("the format of the sent bytes").isPresent();
        assertThat(declared).as("the declared type matches the sent bytes").isEqualTo(ImageFormat.sniff(bytes).get().mimeType());
        return bytes;
    }

    static RelayException failure(ThrowingCallable call) {
        try {
            call.call();
        } catch (RelayException e) {
            return e;
        } catch (Throwable other) {
            throw new AssertionError("expected a RelayException, got " + other, other);
        }
        throw new AssertionError("expected a RelayException, but the call succeeded");
    }

    static void assertClass(RelayException e, ErrorClass expected) {
        assertThat(e.errorClass()).as("error class of: " + e.getMessage()).isEqualTo(expected);
        assertThat(e.getMessage()).doesNotContain(ProviderHarness.KEY);
    }
}
