package io.captionrelay.provider.apiverve;

import static io.captionrelay.provider.JsonAnswers.hasText;
import static io.captionrelay.provider.JsonAnswers.jsonObject;

import com.fasterxml.jackson.databind.JsonNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.image.ImageRequirements;
import io.captionrelay.image.PreparedImage;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.model.Secret;
import io.captionrelay.provider.HttpCall;
import io.captionrelay.provider.HttpProviderAdapter;
import io.captionrelay.provider.MultipartForms;
import io.captionrelay.provider.ErrorWords;
import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.HttpStatusErrors;
import io.captionrelay.provider.ProviderSettings;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hc.core5.http.ContentType;

/**
 * APIVerve Image Caption (docs/providers/apiverve.md): {@code POST /v1/imagecaption}, the key in {@code X-API-Key},
 * the image as the multipart file part {@code image}; the answer's {@code data.caption} is the caption.
 * See {@code docs/providers/apiverve.md} for the settings and how every answer is classified.
 */
public final class ApiVerveAdapter implements HttpProviderAdapter {

    static final String PROVIDER = "apiverve";
    static final String PATH = "/v1/imagecaption";
    /** "max 5MB": read as 5,000,000 bytes, the smaller of the two readings. */
    static final long DOCUMENTED_MAX_BYTES = 5_000_000;
    /** The stem of the file name of the {@code image} part; the extension follows the prepared format. */
    static final String FILE_STEM = "image";

    /**
     * The words of an APIVerve {@code status:"error"} message that came with HTTP 200, where no status tells
     * the class; anything else is bad input (the answer's most common meaning, "invalid parameters").
     */
    static final ErrorWords ERROR_WORDS = new ErrorWords(
            List.of("rate limit", "rate-limit", "ratelimit", "too many requests", "throttl"),
            List.of("credit", "quota", "billing", "subscription"),
            List.of("api key", "api-key", "apikey", "x-api-key", "unauthori", "authenticat", "forbidden"),
            List.of("internal", "server error", "unavailable", "timed out", "timeout"));


    private final ImageRequirements requirements;
    private final RateLimitWait rateLimitWait;

    public ApiVerveAdapter(ProviderSettings settings) {
        this(settings, Clock.systemUTC());
    }

    ApiVerveAdapter(ProviderSettings settings, Clock clock) {
        this.requirements = new ImageRequirements(Set.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF),
                settings.longValue("max-bytes", DOCUMENTED_MAX_BYTES), settings.bool("keep-gps", false));
        this.rateLimitWait = new RateLimitWait(clock);
    }

    @Override
    public ImageRequirements requirements() {
        return requirements;
    }

    @Override
    public HttpCall request(PreparedImage image, URI imageUrl, Secret key) {
        var body = MultipartForms.form(image)
                .addBinaryBody("image", image.bytes(), ContentType.create(image.mimeType()), image.fileName(FILE_STEM))
                .build();
        return new HttpCall("POST", PATH, Map.of("X-API-Key", key.reveal(), "Accept", "application/json"), null, body);
    }

    @Override
    public ProviderAnswer read(HttpReply reply) throws RelayException {
        JsonNode body = jsonObject(reply.body());
        if (!reply.isSuccess()) {
            String detail = body != null && hasText(body.get("error")) ? body.get("error").asText().strip() : reply.bodySnippet();
            throw failure(classify(reply.status()), reply, detail);
        }
        if (body == null) {
            throw failure(ErrorClass.TRANSIENT, reply, reply.body().isBlank()
                    ? "an empty body instead of the JSON answer"
                    : "an answer that is not a JSON object: " + reply.bodySnippet());
        }
        String status = body.path("status").asText("");
        if (status.equalsIgnoreCase("error") || !status.equalsIgnoreCase("ok") && hasText(body.get("error"))) {
            String error = hasText(body.get("error")) ? body.get("error").asText().strip() : "no error message given";
            throw failure(ERROR_WORDS.classify(error), reply, (status.isEmpty() ? "error" : "status \"" + status + "\"") + ": " + error);
        }
        JsonNode caption = body.path("data").path("caption");
        if (!hasText(caption)) {
            throw failure(ErrorClass.TRANSIENT, reply, "no data.caption in the answer: " + reply.bodySnippet());
        }
        return new ProviderAnswer(null, null, caption.asText().strip(), caption.asText().strip(), List.of(), usage(reply),
                reply.header("X-Request-ID").orElse(null), body);
    }

    /** The statuses APIVerve documents; others as {@link HttpStatusErrors#classify} says. */
    static ErrorClass classify(int status) {
        return switch (status) {
            case 400 -> ErrorClass.BAD_INPUT;
            case 401 -> ErrorClass.AUTH;
            case 403 -> ErrorClass.OUT_OF_CREDIT;
            case 429 -> ErrorClass.RATE_LIMITED;
            default -> HttpStatusErrors.classify(status);
        };
    }

    private RelayException failure(ErrorClass errorClass, HttpReply reply, String detail) {
        String message = PROVIDER + " answered HTTP " + reply.status() + ": " + detail
                + reply.header("X-Request-ID").map(id -> " (X-Request-ID " + id + ")").orElse("");
        if (errorClass == ErrorClass.RATE_LIMITED) {
            return RelayException.rateLimited(message, rateLimitWait.of(reply).orElse(null));
        }
        return new RelayException(errorClass, message);
    }

    /** The rate-limit headers APIVerve sends with every answer, as numbers when they are numbers. */
    private static Map<String, Object> usage(HttpReply reply) {
        Map<String, Object> usage = new LinkedHashMap<>();
        put(usage, "rateLimitLimit", reply, "X-RateLimit-Limit");
        put(usage, "rateLimitRemaining", reply, "X-RateLimit-Remaining");
        put(usage, "rateLimitReset", reply, "X-RateLimit-Reset");
        return usage;
    }

    private static void put(Map<String, Object> usage, String field, HttpReply reply, String header) {
        reply.header(header).map(String::strip).filter(v -> !v.isEmpty()).ifPresent(value -> {
            try {
                usage.put(field, Long.parseLong(value));
            } catch (NumberFormatException notAWholeNumber) {
                usage.put(field, value);
            }
        });
    }

}
