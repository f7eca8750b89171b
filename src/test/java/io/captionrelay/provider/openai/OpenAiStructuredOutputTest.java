package io.captionrelay.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.captionrelay.provider.openai.OpenAiStubs.JSON;
import static io.captionrelay.provider.openai.OpenAiStubs.harness;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.testing.ProviderHarness;
import io.captionrelay.testing.TestImages;
import java.awt.Color;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Structured answers from stubs that behave like OpenAI, Ollama and vLLM, each with and without schema support:
 * the request bodies are matched whole ({@code equalToJson}, no field more or less), the answers read field by field.
 */
class OpenAiStructuredOutputTest {

    private static final String PATH = "/v1/chat/completions";
    private static final String INSTRUCTION = " Answer only with a JSON object with the string fields \"title\", \"caption\", "
            + "\"altText\" (at most 125 characters) and \"description\", and \"tags\", an array of at most 10 keywords.";
    private static final String SCHEMA = """
            {"type": "json_schema", "json_schema": {"name": "image_description", "strict": true, "schema": {
              "type": "object",
              "properties": {
                "title": {"type": "string", "description": "a short title of at most eight words"},
                "caption": {"type": "string", "description": "one sentence saying what the image shows"},
                "altText": {"type": "string", "description": "alt text for screen readers, at most 125 characters"},
                "description": {"type": "string",
                                "description": "two to four sentences: subject, setting, notable details, colours and mood"},
                "tags": {"type": "array", "description": "keywords, lower case, most relevant first", "maxItems": 10,
                         "items": {"type": "string"}}},
              "required": ["title", "caption", "altText", "description", "tags"],
              "additionalProperties": false}}}""";
    private static final String FIELDS = """
            {"title": "Café à Zürich", "caption": "A café terrace by the lake.",
             "altText": "People drink coffee at tables beside a lake.", "description": "A sunny terrace. Boats pass.",
             "tags": ["café", "lake", "Lake", " ", "boats"]}""";

    private final byte[] jpeg = TestImages.jpeg(32, 24, Color.ORANGE);
    private ProviderHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** The whole body the task must send: model, prompt and instruction, the image as it is, the schema when asked. */
    private String requestBody(String model, boolean schema) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        ArrayNode content = body.putArray("messages").addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", OpenAiOptions.STRUCTURED_PROMPT + INSTRUCTION);
        content.addObject().put("type", "image_url").putObject("image_url")
                .put("url", "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg));
        if (schema) {
            try {
                body.set("response_format", JSON.readTree(SCHEMA));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return body.put("max_tokens", 500).put("stream", false).toString();
    }

    private static String completion(String model, String content, String fingerprint) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-42").put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", model);
        if (fingerprint != null) {
            body.put("system_fingerprint", fingerprint);
        }
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        body.putObject("usage").put("prompt_tokens", 700).put("completion_tokens", 60).put("total_tokens", 760);
        return body.toString();
    }

    private void start(String model, Map<String, String> settings) throws Exception {
        Map<String, String> values = new HashMap<>(settings);
        values.put("model", model);
        harness = harness(values);
    }

    /** The stub answers {@code body} to exactly this request body (with or without the schema), and to nothing else. */
    private void answer(String model, boolean schema, int status, String body) {
        harness.stub.stubFor(post(urlEqualTo(PATH)).withRequestBody(equalToJson(requestBody(model, schema), false, false))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private int calls(String model, boolean schema) {
        return harness.stub.findAll(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(equalToJson(requestBody(model, schema), false, false))).size();
    }

    private static void assertFields(ProviderAnswer answer) {
        assertThat(answer.title()).isEqualTo("Café à Zürich");
        assertThat(answer.caption()).isEqualTo("A café terrace by the lake.");
        assertThat(answer.altText()).isEqualTo("People drink coffee at tables beside a lake.");
        assertThat(answer.description()).isEqualTo("A sunny terrace. Boats pass.");
        assertThat(answer.tags()).as("blank and repeated (ignoring case) tags left out").containsExactly("café", "lake", "boats");
        assertThat(answer.providerRequestId()).isEqualTo("chatcmpl-42");
        assertThat(answer.usage()).containsEntry("total_tokens", 760L);
    }

    @Test
    void openai_with_schema_support_gets_the_schema_and_answers_json() throws Exception {
        start("gpt-4o-mini", Map.of());
        answer("gpt-4o-mini", true, 200, completion("gpt-4o-mini", FIELDS, "fp_44709d6fcb"));

        assertFields(harness.describe(jpeg));
        assertThat(calls("gpt-4o-mini", true)).isEqualTo(1);
        assertThat(harness.requests()).hasSize(1);
    }

    @Test
    void openai_without_schema_support_is_asked_again_without_it_and_the_task_remembers() throws Exception {
        start("gpt-4-turbo", Map.of());
        answer("gpt-4-turbo", true, 400, OpenAiStubs.openAiError("Invalid parameter: 'response_format' of type "
                + "'json_schema' is not supported with this model.", "invalid_request_error", null, "response_format"));
        answer("gpt-4-turbo", false, 200, completion("gpt-4-turbo", "Here you are:\n```json\n" + FIELDS + "\n```", null));

        assertFields(harness.describe(jpeg));
        assertThat(calls("gpt-4-turbo", true)).as("one refused call with the schema").isEqualTo(1);
        assertThat(calls("gpt-4-turbo", false)).isEqualTo(1);

        assertFields(harness.describe(jpeg));
        assertThat(calls("gpt-4-turbo", true)).as("the refusal is remembered for the task").isEqualTo(1);
        assertThat(calls("gpt-4-turbo", false)).isEqualTo(2);
    }

    @Test
    void ollama_with_schema_support_is_reached_through_a_base_url_ending_in_v1() throws Exception {
        start("llama3.2-vision", Map.of("api-key", "", ProviderHarness.BASE_URL_PATH, "/v1"));
        answer("llama3.2-vision", true, 200, completion("llama3.2-vision", FIELDS, "fp_ollama"));

        assertFields(harness.describe(jpeg));
        assertThat(harness.requests()).hasSize(1);
        assertThat(harness.requests().get(0).getUrl()).isEqualTo(PATH);
        assertThat(harness.requests().get(0).containsHeader("Authorization")).isFalse();
    }

    @Test
    void ollama_without_schema_support_ignores_it_and_the_json_block_of_its_text_is_read() throws Exception {
        start("llava", Map.of("api-key", ""));
        answer("llava", true, 200, completion("llava", "Sure! Here is the JSON:\n\n```json\n" + FIELDS + "\n```\nHope it helps.",
                "fp_ollama"));

        assertFields(harness.describe(jpeg));
        assertFields(harness.describe(jpeg));
        assertThat(calls("llava", true)).as("nothing refused: the schema keeps being sent").isEqualTo(2);
    }

    @Test
    void vllm_with_guided_decoding_gets_the_schema_and_answers_json() throws Exception {
        start("Qwen/Qwen2.5-VL-7B-Instruct", Map.of("api-key", ""));
        answer("Qwen/Qwen2.5-VL-7B-Instruct", true, 200, completion("Qwen/Qwen2.5-VL-7B-Instruct", FIELDS, null));

        assertFields(harness.describe(jpeg));
        assertThat(harness.requests()).hasSize(1);
    }

    @Test
    void vllm_without_schema_support_is_asked_again_without_it_and_a_plain_text_answer_is_read_as_before() throws Exception {
        start("llava-hf/llava-1.5-7b-hf", Map.of("api-key", ""));
        answer("llava-hf/llava-1.5-7b-hf", true, 400, "{\"object\":\"error\",\"message\":\"1 validation error: "
                + "response_format.type: Input should be 'text' or 'json_object'\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}");
        answer("llava-hf/llava-1.5-7b-hf", false, 200, completion("llava-hf/llava-1.5-7b-hf",
                "Harbour at dusk\n\nFishing boats rest by the quay. The sky is orange.", null));

        ProviderAnswer answer = harness.describe(jpeg);

        assertThat(answer.title()).isEqualTo("Harbour at dusk");
        assertThat(answer.description()).isEqualTo("Fishing boats rest by the quay. The sky is orange.");
        assertThat(answer.altText()).as("the description's first sentence").isEqualTo("Fishing boats rest by the quay.");
        assertThat(answer.caption()).isNull();
        assertThat(answer.tags()).isEmpty();
        assertThat(calls("llava-hf/llava-1.5-7b-hf", true)).isEqualTo(1);
        assertThat(calls("llava-hf/llava-1.5-7b-hf", false)).isEqualTo(1);
    }

    @Test
    void structured_schema_stops_the_provider_when_the_server_refuses_the_schema() throws Exception {
        start("gpt-4-turbo", Map.of("structured", "schema"));
        answer("gpt-4-turbo", true, 400, OpenAiStubs.openAiError("Invalid parameter: 'response_format' of type "
                + "'json_schema' is not supported with this model.", "invalid_request_error", null, "response_format"));

        var failure = harness.failsWith(jpeg, ErrorClass.AUTH);

        assertThat(failure.getMessage()).contains("response_format").contains("relay.provider.openai.structured");
        assertThat(harness.requests()).hasSize(1);
    }

    @Test
    void json_block_mode_never_sends_the_schema() throws Exception {
        start("gpt-4o-mini", Map.of("structured", "json-block"));
        answer("gpt-4o-mini", false, 200, completion("gpt-4o-mini", "```json\n" + FIELDS + "\n```", null));

        assertFields(harness.describe(jpeg));
        assertThat(calls("gpt-4o-mini", false)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/v1", "/v1/"})
    void base_url_with_or_without_v1_reaches_one_address(String basePath) throws Exception {
        start("gpt-4o-mini", Map.of(ProviderHarness.BASE_URL_PATH, basePath));
        answer("gpt-4o-mini", true, 200, completion("gpt-4o-mini", FIELDS, null));

        assertFields(harness.describe(jpeg));
        assertThat(harness.requests()).hasSize(1);
        assertThat(harness.requests().get(0).getUrl()).isEqualTo(PATH);
    }

    @Test
    void max_tags_sets_the_schemas_max_items_and_keeps_that_many() throws Exception {
        start("gpt-4o-mini", Map.of("max-tags", "2"));
        harness.stub.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(completion("gpt-4o-mini", FIELDS, null))));

        assertThat(harness.describe(jpeg).tags()).containsExactly("café", "lake");
        var sent = OpenAiStubs.body(harness.requests().get(0));
        assertThat(sent.at("/response_format/json_schema/schema/properties/tags/maxItems").asInt()).isEqualTo(2);
        assertThat(sent.at("/messages/0/content/0/text").asText()).endsWith("an array of at most 2 keywords.");
    }
}
