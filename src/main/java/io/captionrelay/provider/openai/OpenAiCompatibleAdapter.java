package io.captionrelay.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.AltText;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.Secret;
import io.captionrelay.provider.HttpCall;
import io.captionrelay.provider.HttpProviderAdapter;
import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.ProviderSettings;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * OpenAI-compatible chat completions (docs/providers/openai.md): OpenAI, Azure-compatible gateways, Ollama,
 * vLLM, LM Studio. One user message with a text part (the prompt) and an {@code image_url} part (a
 * data URI, or a public URL with {@code image-form=url}). Unless {@code structured=off}, a JSON answer
 * (title, caption, altText, description, tags) is asked for, with {@link AnswerSchema} as {@code response_format}
 * while the server takes it; an answer that is not JSON is read as before: {@code choices[0].message.content}
 * becomes the description, its first line the title when it looks like one.
 */
public final class OpenAiCompatibleAdapter implements HttpProviderAdapter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiOptions options;
    private final KeyFingerprints sentKeys = new KeyFingerprints();
    private final OpenAiErrors errors;
    /** Set once the server refused {@code response_format} ({@code structured=auto}): later requests go without it. */
    private final AtomicBoolean schemaRefused = new AtomicBoolean();

    public OpenAiCompatibleAdapter(ProviderSettings settings) {
        this.options = OpenAiOptions.from(settings);
        this.errors = new OpenAiErrors(settings.id(), options, sentKeys);
    }

    @Override
    public ImageRequirements requirements() {
        return options.requirements();
    }

    @Override
    public boolean wantsImageUrl() {
        return options.imageByUrl();
    }

    /** Ollama, vLLM and LM Studio run without a key; OpenAI itself answers 401 without one. */
    @Override
    public boolean requiresKey() {
        return false;
    }

    @Override
    public HttpCall request(PreparedImage image, URI imageUrl, Secret key) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (key != null) {
            sentKeys.remember(key.reveal());
            headers.put(options.keyHeader(), options.bearer() ? "Bearer " + key.reveal() : key.reveal());
        }
        headers.put("Accept", "application/json");
        return HttpCall.postJson(options.path(), headers, body(image, imageUrl));
    }

    String body(PreparedImage image, URI imageUrl) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", options.model());
        ArrayNode messages = body.putArray("messages");
        options.systemPrompt().ifPresent(system -> messages.addObject().put("role", "system").put("content", system));
        ObjectNode user = messages.addObject().put("role", "user");
        ArrayNode content = user.putArray("content");
        content.addObject().put("type", "text").put("text", options.userText());
        ObjectNode picture = content.addObject().put("type", "image_url").putObject("image_url");
        if (options.imageByUrl()) {
            if (imageUrl == null) {
                throw new IllegalStateException("image-form=url, but no public URL was given for the image");
            }
            picture.put("url", imageUrl.toString());
        } else {
            picture.put("url", image.dataUri());
        }
        options.detail().ifPresent(detail -> picture.put("detail", detail));
        if (sendsSchema()) {
            body.set("response_format", AnswerSchema.responseFormat(options.maxTags(), options.altTextLength()));
        }
        body.put(options.maxTokensField(), options.maxTokens());
        options.temperature().ifPresent(t -> body.put("temperature", t));
        body.put("stream", false);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the chat completions request", e);
        }
    }

    @Override
    public ProviderAnswer read(HttpReply reply) throws RelayException {
        if (!reply.isSuccess()) {
            if (sendsSchema() && errors.refusesResponseFormat(reply)) {
                throw schemaRefusal(reply);
            }
            throw errors.forStatus(reply);
        }
        if (reply.body().isBlank()) {
            throw errors.garbage(reply, "an empty body");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(reply.body());
        } catch (IOException notJson) {
            throw errors.garbage(reply, "something that is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            throw errors.garbage(reply, "JSON that is not an object");
        }
        if (!answer.hasNonNull("choices") && answer.hasNonNull("error")) {
            throw errors.forErrorInSuccess(reply, answer);
        }
        JsonNode choice = answer.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            throw errors.garbage(reply, "JSON without choices[0].message");
        }
        String finishReason = text(choice.path("finish_reason"));
        String content = content(message.path("content"));
        String refusal = text(message.path("refusal"));
        if ("content_filter".equals(finishReason)) {
            throw errors.refused(reply, "the answer was withheld by the content filter (finish_reason content_filter)");
        }
        if (content.isBlank() && !refusal.isBlank()) {
            throw errors.refused(reply, "the model refused: " + OpenAiErrors.shorten(refusal));
        }
        if (content.isBlank()) {
            throw errors.emptyContent(reply, finishReason);
        }

        Optional<StructuredAnswer.Fields> structured = options.structured().asksForJson()
                ? StructuredAnswer.read(content, options.maxTags()) : Optional.empty();
        if (structured.isPresent()) {
            StructuredAnswer.Fields f = structured.get();
            return new ProviderAnswer(f.title(), f.description(), f.caption(), f.altText(), f.tags(),
                    usage(answer.path("usage")), requestId(answer, reply), answer);
        }
        TitleLine.Split split = options.titleLine() ? TitleLine.split(content) : TitleLine.whole(content);
        return new ProviderAnswer(split.title(), split.description(), null, AltText.firstSentence(split.description()),
                null, usage(answer.path("usage")), requestId(answer, reply), answer);
    }

    private boolean sendsSchema() {
        return options.structured() == Structured.SCHEMA || options.structured() == Structured.AUTO && !schemaRefused.get();
    }

    /** auto: remembered for this task, and retried (as transient) without the schema; schema: a misconfiguration. */
    private RelayException schemaRefusal(HttpReply reply) {
        if (options.structured() == Structured.AUTO) {
            schemaRefused.set(true);
            return errors.schemaRefusedRetry(reply);
        }
        return errors.schemaRefusedStop(reply);
    }

    /** {@code content} is a string, or (some gateways) an array of {@code {"type":"text","text":…}} parts. */
    private static String content(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode part : content) {
                String piece = part.isTextual() ? part.asText() : text(part.path("text"));
                if (!piece.isEmpty()) {
                    joined.append(joined.length() == 0 ? "" : "\n").append(piece);
                }
            }
            return joined.toString();
        }
        return "";
    }

    private static Map<String, Object> usage(JsonNode usage) {
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (String field : new String[] {"prompt_tokens", "completion_tokens", "total_tokens"}) {
            JsonNode value = usage.path(field);
            if (value.isNumber()) {
                tokens.put(field, value.asLong());
            }
        }
        return tokens;
    }

    private static String requestId(JsonNode answer, HttpReply reply) {
        String id = text(answer.path("id"));
        return !id.isBlank() ? id : reply.header("x-request-id").orElse(null);
    }

    static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : "";
    }

    /** For tests and the docs: what this adapter was configured with. */
    OpenAiOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleAdapter[" + options.model() + " " + options.path() + "]";
    }
}
