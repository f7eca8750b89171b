package io.captionrelay.provider.imagedescriber;

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
import io.captionrelay.provider.ProviderSettings;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * imagedescriber.app {@code generate_tags} (docs/providers/imagedescriber.md): tags, a title and a
 * description in one call.
 *
 * <pre>
 * POST {base}/api/v1/generate_tags
 * content-type: application/json
 * authorization: Bearer &lt;key&gt;
 * {"image": "data:image/jpeg;base64,…", "lang": "en"}
 * </pre>
 * The answer's {@code data.tags.tags[]}, {@code data.tags.title} and {@code data.tags.description} become
 * tags, title and description; {@code data.credits.amount} and {@code .remaining} (sent as strings) become
 * usage {@code credits} and {@code creditsRemaining}, as numbers when they read as numbers.
 *
 * <p>The endpoint takes no prompt and is documented with the data-URI form only: {@code prompt} and
 * {@code image-form} are not read. Settings: {@code language}, {@code keep-gps}, {@code max-bytes}.
 */
public final class ImageDescriberTagsAdapter implements HttpProviderAdapter {

    static final String PATH = "/api/v1/generate_tags";
    static final String OPERATION = "generate_tags";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String who;
    private final ImageDescriberOptions options;

    public ImageDescriberTagsAdapter(ProviderSettings settings) {
        this.who = settings.provider() + " " + OPERATION;
        this.options = ImageDescriberOptions.from(settings);
    }

    @Override
    public ImageRequirements requirements() {
        return options.requirements();
    }

    @Override
    public HttpCall request(PreparedImage image, URI imageUrl, Secret key) throws RelayException {
        Map<String, String> headers = ImageDescriberOptions.headers(key);
        ObjectNode body = MAPPER.createObjectNode();
        body.put("image", image.dataUri());
        body.put("lang", options.language());
        return HttpCall.postJson(PATH, headers, ImageDescriberContentAdapter.write(body));
    }

    @Override
    public ProviderAnswer read(HttpReply reply) throws RelayException {
        ObjectNode json = ImageDescriberErrors.success(who, reply);
        JsonNode data = json.get("data");
        JsonNode result = data.get("tags");
        if (!(result instanceof ObjectNode)) {
            throw ImageDescriberErrors.garbled(who, reply, json, "no data.tags object");
        }
        List<String> tags = tags(result.get("tags"));
        String title = text(result.get("title"));
        String description = text(result.get("description"));
        if (tags.isEmpty() && title == null && description == null) {
            throw ImageDescriberErrors.garbled(who, reply, json, "no tags, title or description in data.tags");
        }
        Map<String, Object> usage = new LinkedHashMap<>();
        JsonNode credits = data.path("credits");
        number(credits.get("amount")).ifPresent(v -> usage.put("credits", v));
        number(credits.get("remaining")).ifPresent(v -> usage.put("creditsRemaining", v));
        String altText = description != null ? AltText.firstSentence(description) : title;
        return new ProviderAnswer(title, description, null, altText, tags, usage,
                ImageDescriberErrors.requestId(json).orElse(null), json);
    }

    /** {@code tags.tags}: an array of strings (as documented), each stripped, blanks and non-text left out. */
    private static List<String> tags(JsonNode node) {
        List<String> tags = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(tag -> {
                String text = tag.isTextual() || tag.isNumber() ? tag.asText().strip() : "";
                if (!text.isEmpty() && !tags.contains(text)) {
                    tags.add(text);
                }
            });
        }
        return tags;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isBlank() ? node.textValue().strip() : null;
    }

    /** A credit figure: a whole number as a Long, a fraction as a BigDecimal, anything else as the string sent. */
    static Optional<Object> number(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return Optional.empty();
        }
        String text = node.asText().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            BigDecimal value = new BigDecimal(text);
            try {
                return Optional.of(value.longValueExact());
            } catch (ArithmeticException notWhole) {
                return Optional.of(value);
            }
        } catch (NumberFormatException notANumber) {
            return Optional.of(text);
        }
    }
}
