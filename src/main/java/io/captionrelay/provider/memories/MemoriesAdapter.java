package io.captionrelay.provider.memories;

import static io.captionrelay.provider.JsonAnswers.hasText;
import static io.captionrelay.provider.JsonAnswers.jsonObject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.AltText;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.Secret;
import io.captionrelay.provider.HttpCall;
import io.captionrelay.provider.HttpProviderAdapter;
import io.captionrelay.provider.ErrorWords;
import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.ImageForm;
import io.captionrelay.provider.MultipartForms;
import io.captionrelay.provider.HttpStatusErrors;
import io.captionrelay.provider.ProviderSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hc.core5.http.ContentType;

/**
 * memories.ai Image Caption (docs/providers/memories.md): {@code POST /v1/understand/uploadImg} with the bare key in
 * {@code Authorization}, either as multipart ({@code req} JSON part and {@code file} part) or as a JSON
 * body naming the image's URL; the answer's {@code data.text} is the description. See
 * {@code docs/providers/memories.md} for the settings and how every answer is classified.
 */
public final class MemoriesAdapter implements HttpProviderAdapter {

    static final String PROVIDER = "memories";
    static final String PATH = "/v1/understand/uploadImg";
    /** No limit is documented: a cautious default, configurable with {@code max-bytes}. */
    static final long DEFAULT_MAX_BYTES = 10_000_000;
    static final String DEFAULT_PROMPT = "Describe this image.";
    /** The system prompt of memories.ai's own examples, sent unless {@code system-prompt} says otherwise. */
    static final String DEFAULT_SYSTEM_PROMPT = "You are an image understanding system.";
    static final String FILE_STEM = "image";

    /**
     * The words of a memories.ai {@code code:-1} message that came with HTTP 200: memories.ai documents only
     * "-1 for failure" and a {@code msg}; anything else is bad input.
     */
    static final ErrorWords ERROR_WORDS = new ErrorWords(
            List.of("rate limit", "rate-limit", "ratelimit", "too many requests", "too frequent", "throttl"),
            List.of("credit", "balance", "quota", "billing", "arrears"),
            List.of("api key", "api-key", "apikey", "unauthori", "authenticat", "authorization", "forbidden"),
            List.of("internal", "server error", "unavailable", "timed out", "timeout", "busy"));


    private final ImageRequirements requirements;
    private final ImageForm form;
    private final String prompt;
    private final String systemPrompt;
    private final boolean thinking;

    public MemoriesAdapter(ProviderSettings settings) {
        this.requirements = new ImageRequirements(Set.of(ImageFormat.PNG, ImageFormat.JPEG),
                settings.longValue("max-bytes", DEFAULT_MAX_BYTES), settings.bool("keep-gps", false));
        this.form = ImageForm.of(settings);
        this.prompt = settings.string("prompt", DEFAULT_PROMPT);
        this.systemPrompt = settings.string("system-prompt", DEFAULT_SYSTEM_PROMPT);
        this.thinking = settings.bool("thinking", false);
    }

    @Override
    public ImageRequirements requirements() {
        return requirements;
    }

    @Override
    public boolean wantsImageUrl() {
        return form == ImageForm.URL;
    }

    @Override
    public HttpCall request(PreparedImage image, URI imageUrl, Secret key) {
        Map<String, String> headers = Map.of("Authorization", key.reveal());
        if (form == ImageForm.URL) {
            if (imageUrl == null) {
                throw new IllegalStateException("memories.ai takes the image by URL here, but no URL was given");
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("url", imageUrl.toString());
            return HttpCall.postJson(PATH, headers, prompts(body).toString());
        }
        byte[] req = prompts(JsonNodeFactory.instance.objectNode()).toString().getBytes(StandardCharsets.UTF_8);
        var body = MultipartForms.form(image)
                .addBinaryBody("req", req, ContentType.create("application/json"), "req.json")
                .addBinaryBody("file", image.bytes(), ContentType.create(image.mimeType()), image.fileName(FILE_STEM))
                .build();
        return new HttpCall("POST", PATH, headers, null, body);
    }

    private ObjectNode prompts(ObjectNode node) {
        return node.put("user_prompt", prompt).put("system_prompt", systemPrompt).put("thinking", thinking);
    }

    @Override
    public ProviderAnswer read(HttpReply reply) throws RelayException {
        JsonNode body = jsonObject(reply.body());
        if (!reply.isSuccess()) {
            String detail = body != null && hasText(body.get("msg")) ? body.get("msg").asText().strip() : reply.bodySnippet();
            // memories.ai documents no statuses: the shared meanings (401 auth, 429 rate-limited, 5xx transient …)
            throw failure(HttpStatusErrors.classify(reply.status()), reply, detail);
        }
        if (body == null) {
            throw failure(ErrorClass.TRANSIENT, reply, reply.body().isBlank()
                    ? "an empty body instead of the JSON answer"
                    : "an answer that is not a JSON object: " + reply.bodySnippet());
        }
        JsonNode code = body.get("code");
        if (code == null || !code.isNumber() && !code.isTextual()) {
            throw failure(ErrorClass.TRANSIENT, reply, "no code in the answer: " + reply.bodySnippet());
        }
        boolean success = code.isNumber() ? code.decimalValue().signum() == 0 : "0".equals(code.asText().strip());
        if (!success) {
            String msg = hasText(body.get("msg")) ? body.get("msg").asText().strip() : "no msg given";
            throw failure(ERROR_WORDS.classify(msg), reply, "code " + code.asText() + ": " + msg);
        }
        JsonNode text = body.path("data").path("text");
        if (!hasText(text)) {
            throw failure(ErrorClass.TRANSIENT, reply, "code 0 but no data.text in the answer: " + reply.bodySnippet());
        }
        return new ProviderAnswer(null, text.asText().strip(), null, AltText.firstSentence(text.asText()), List.of(),
                usage(body.path("data").path("token")), null, body);
    }

    private static RelayException failure(ErrorClass errorClass, HttpReply reply, String detail) {
        return HttpStatusErrors.error(PROVIDER, errorClass, reply, detail);
    }

    private static Map<String, Object> usage(JsonNode token) {
        Map<String, Object> usage = new LinkedHashMap<>();
        put(usage, "inputTokens", token.get("input"));
        put(usage, "outputTokens", token.get("output"));
        put(usage, "totalTokens", token.get("total"));
        return usage;
    }

    private static void put(Map<String, Object> usage, String field, JsonNode value) {
        if (value != null && value.canConvertToLong()) {
            usage.put(field, value.asLong());
        }
    }

}
