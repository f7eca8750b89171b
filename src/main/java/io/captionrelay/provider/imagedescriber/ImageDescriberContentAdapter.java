package io.captionrelay.provider.imagedescriber;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.captionrelay.provider.ImageForm;
import io.captionrelay.model.AltText;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.provider.ProviderSettings;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * imagedescriber.app {@code generate_content} (docs/providers/imagedescriber.md): a Markdown description of
 * the image, optionally guided by a prompt.
 *
 * <pre>
 * POST {base}/api/v1/generate_content
 * content-type: application/json
 * authorization: Bearer &lt;key&gt;
 * {"image": "data:image/jpeg;base64,…" | "https://…", "prompt": "…" (only when configured), "lang": "en"}
 * </pre>
 * The answer's {@code data.content} becomes the description and {@code request_id} the provider request
 * id; the provider gives no title, caption, tags or usage, so those stay empty.
 *
 * <p>Settings ({@code relay.provider.imagedescriber.*}): {@code language} (en zh fr de es ja ko,
 * default en), {@code prompt}, {@code image-form} ({@code data-uri}, the default, or {@code url}),
 * {@code keep-gps}, {@code max-bytes}.
 */
public final class ImageDescriberContentAdapter implements HttpProviderAdapter {

    static final String PATH = "/api/v1/generate_content";
    static final String OPERATION = "generate_content";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String who;
    private final ImageDescriberOptions options;
    private final String prompt;
    private final boolean byUrl;

    public ImageDescriberContentAdapter(ProviderSettings settings) {
        this.who = settings.provider() + " " + OPERATION;
        this.options = ImageDescriberOptions.from(settings);
        this.prompt = settings.optional("prompt").orElse(null);
        this.byUrl = ImageForm.of(settings) == ImageForm.URL;
    }

    @Override
    public ImageRequirements requirements() {
        return options.requirements();
    }

    @Override
    public boolean wantsImageUrl() {
        return byUrl;
    }

    @Override
    public HttpCall request(PreparedImage image, URI imageUrl, Secret key) throws RelayException {
        Map<String, String> headers = ImageDescriberOptions.headers(key);
        if (byUrl && imageUrl == null) {
            throw new IllegalStateException(who + " is set to image-form=url but no image URL was given");
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("image", byUrl ? imageUrl.toString() : image.dataUri());
        if (prompt != null) {
            body.put("prompt", prompt);
        }
        body.put("lang", options.language());
        return HttpCall.postJson(PATH, headers, write(body));
    }

    @Override
    public ProviderAnswer read(HttpReply reply) throws RelayException {
        ObjectNode json = ImageDescriberErrors.success(who, reply);
        JsonNode content = json.get("data").get("content");
        if (content == null || !content.isTextual() || content.textValue().isBlank()) {
            throw ImageDescriberErrors.garbled(who, reply, json, "no data.content");
        }
        return new ProviderAnswer(null, content.textValue().strip(), null, AltText.firstSentence(content.textValue()), List.of(), Map.of(),
                ImageDescriberErrors.requestId(json).orElse(null), json);
    }

    static String write(ObjectNode body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
