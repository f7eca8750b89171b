package io.captionrelay.provider.imagedescriber;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.HttpStatusErrors;
import java.util.Optional;

/**
 * How imagedescriber.app answers, for both operations (docs/providers/imagedescriber.md): every answer is
 * {@code {"code": n, "message": "…", "request_id": "…", "data": …}}, {@code code 0} meaning success.
 * The documents do not say which HTTP status carries an error, so the {@code code} decides whatever the
 * status (HTTP 200 with {@code code 2003} is a refusal; HTTP 500 with {@code code 2003} too); only an
 * answer without a readable code falls back to the meaning of its HTTP status.
 *
 * <table>
 *   <caption>documented codes</caption>
 *   <tr><th>code</th><th>meaning</th><th>class</th></tr>
 *   <tr><td>1002</td><td>unauthorized</td><td>auth</td></tr>
 *   <tr><td>1003</td><td>invalid API key</td><td>auth</td></tr>
 *   <tr><td>1004</td><td>too many requests</td><td>rate-limited ({@code Retry-After} when sent)</td></tr>
 *   <tr><td>1005</td><td>invalid parameters</td><td>bad-input</td></tr>
 *   <tr><td>2002</td><td>insufficient credits</td><td>out-of-credit</td></tr>
 *   <tr><td>2003</td><td>content blocked by filter</td><td>refused-content</td></tr>
 *   <tr><td>2004</td><td>invalid image format</td><td>bad-input</td></tr>
 *   <tr><td>2005</td><td>image upload failed</td><td>transient (the document says "try again later")</td></tr>
 *   <tr><td>5050</td><td>internal server error</td><td>transient, {@code request_id} quoted</td></tr>
 * </table>
 * An undocumented non-zero code: the HTTP status decides when it is an error status; under HTTP 2xx a
 * code of 5000 or more is transient (the 5xxx family is the server's), any other is bad input.
 */
public final class ImageDescriberErrors {

    /** One documented error code. */
    public enum Code {
        UNAUTHORIZED(1002, ErrorClass.AUTH, "unauthorized", "check the authorization header and the API key"),
        INVALID_KEY(1003, ErrorClass.AUTH, "invalid API key", "check relay.provider.imagedescriber.api-key or create a new key"),
        TOO_MANY_REQUESTS(1004, ErrorClass.RATE_LIMITED, "too many requests", null),
        INVALID_PARAMETERS(1005, ErrorClass.BAD_INPUT, "invalid parameters", null),
        INSUFFICIENT_CREDITS(2002, ErrorClass.OUT_OF_CREDIT, "insufficient credits", "buy credits, then restart CaptionRelay"),
        CONTENT_BLOCKED(2003, ErrorClass.REFUSED_CONTENT, "content blocked by filter", null),
        INVALID_IMAGE_FORMAT(2004, ErrorClass.BAD_INPUT, "invalid image format", null),
        IMAGE_UPLOAD_FAILED(2005, ErrorClass.TRANSIENT, "image upload failed",
                "the provider could not take in the image (with image-form=url: check that the image URL is reachable from the internet)"),
        INTERNAL_ERROR(5050, ErrorClass.TRANSIENT, "internal server error", null);

        private final int number;
        private final ErrorClass errorClass;
        private final String meaning;
        private final String hint;

        Code(int number, ErrorClass errorClass, String meaning, String hint) {
            this.number = number;
            this.errorClass = errorClass;
            this.meaning = meaning;
            this.hint = hint;
        }

        public int number() {
            return number;
        }

        public ErrorClass errorClass() {
            return errorClass;
        }

        public static Optional<Code> of(int number) {
            for (Code code : values()) {
                if (code.number == number) {
                    return Optional.of(code);
                }
            }
            return Optional.empty();
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MESSAGE_LIMIT = 200;

    private ImageDescriberErrors() {
    }

    /**
     * The answer when it is a success: HTTP 2xx, {@code code} 0 (or no code at all: the status and the
     * {@code data} object then speak for it), and a {@code data} object; otherwise the error of the right
     * class. Anything unreadable under HTTP 2xx is transient.
     *
     * @param who names the provider and operation in messages, e.g. {@code imagedescriber generate_tags}
     */
    public static ObjectNode success(String who, HttpReply reply) throws RelayException {
        ObjectNode json = parse(reply.body());
        Optional<Integer> code = json == null ? Optional.empty() : code(json.get("code"));
        if (code.isPresent() && code.get() != 0) {
            throw forCode(who, reply, json, code.get());
        }
        if (!reply.isSuccess()) {
            String detail = code.isPresent() ? "code 0 under an error status: " + redact(reply.bodySnippet()) : redact(reply.bodySnippet());
            throw HttpStatusErrors.error(who, HttpStatusErrors.classify(reply.status()), reply,
                    detail.isEmpty() ? "(empty body)" : detail);
        }
        if (json == null) {
            throw new RelayException(ErrorClass.TRANSIENT, who + " answered HTTP " + reply.status()
                    + (reply.body().isBlank() ? " with an empty body" : " with something that is not a JSON object: " + redact(reply.bodySnippet())));
        }
        if (!(json.get("data") instanceof ObjectNode)) {
            throw new RelayException(ErrorClass.TRANSIENT, who + " answered HTTP " + reply.status()
                    + (code.isPresent() ? " code 0" : " without a code") + " but with no data object"
                    + requestIdSuffix(json) + ": " + redact(reply.bodySnippet()));
        }
        return json;
    }

    /** A success answer that lacks what the operation promises: retried as transient, like any garbled answer. */
    static RelayException garbled(String who, HttpReply reply, JsonNode json, String what) {
        return new RelayException(ErrorClass.TRANSIENT, who + " answered HTTP " + reply.status() + " as a success but with "
                + what + requestIdSuffix(json) + ": " + redact(reply.bodySnippet()));
    }

    /** The error for a non-zero code, whatever the HTTP status. */
    static RelayException forCode(String who, HttpReply reply, JsonNode json, int number) {
        String message = json.path("message").isValueNode() ? redact(flat(json.path("message").asText())) : "";
        Optional<Code> known = Code.of(number);
        ErrorClass errorClass = known.map(Code::errorClass).orElseGet(() -> undocumented(reply.status(), number));
        StringBuilder detail = new StringBuilder("code ").append(number)
                .append(" (").append(known.map(c -> c.meaning).orElse("undocumented code")).append(")");
        if (!message.isEmpty()) {
            detail.append(": \"").append(message).append('"');
        }
        String requestId = requestId(json).orElse(null);
        if (known.filter(c -> c == Code.INTERNAL_ERROR).isPresent()) {
            detail.append("; quote request_id ").append(requestId == null ? "(none given)" : requestId)
                    .append(" to imagedescriber support if it persists");
        } else if (requestId != null) {
            detail.append("; request_id ").append(requestId);
        }
        known.map(c -> c.hint).ifPresent(hint -> detail.append("; ").append(hint));
        if (known.isEmpty()) {
            detail.append("; treated as ").append(errorClass.label());
        }
        return HttpStatusErrors.error(who, errorClass, reply, detail.toString());
    }

    /** An undocumented code: the HTTP status when it says error, else the code's family. */
    static ErrorClass undocumented(int status, int number) {
        if (status < 200 || status >= 300) {
            return HttpStatusErrors.classify(status);
        }
        return number >= 5000 ? ErrorClass.TRANSIENT : ErrorClass.BAD_INPUT;
    }

    /** {@code request_id} when the answer carries one. */
    static Optional<String> requestId(JsonNode json) {
        JsonNode id = json == null ? null : json.get("request_id");
        return id != null && id.isValueNode() && !id.isNull() && !id.asText().isBlank()
                ? Optional.of(redact(flat(id.asText()))) : Optional.empty();
    }

    private static String requestIdSuffix(JsonNode json) {
        return requestId(json).map(id -> " (request_id " + id + ")").orElse("");
    }

    /** The code as a number, also when sent as a numeric string; empty when absent or not a whole number. */
    static Optional<Integer> code(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return Optional.of(node.intValue());
        }
        if (node.isTextual()) {
            try {
                return Optional.of(Integer.parseInt(node.textValue().strip()));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static ObjectNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(body) instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static String flat(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MESSAGE_LIMIT ? flat : flat.substring(0, MESSAGE_LIMIT) + "…";
    }

    static String redact(String text) {
        return io.captionrelay.model.KeyMask.keyLike(text);
    }
}
