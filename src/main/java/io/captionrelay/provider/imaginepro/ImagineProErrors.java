package io.captionrelay.provider.imaginepro;

import com.fasterxml.jackson.databind.JsonNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.HttpStatusErrors;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How ImaginePro's refusals read (docs/providers/imaginepro.md): the error class of an error answer, of a
 * {@code success:false} submit and of a job that ended FAIL, from its status and its words.
 */
final class ImagineProErrors {

    private static final Pattern REFUSAL = Pattern.compile(
            "(?i)banned|nsfw|moderat|inappropriate|prohibited|community (standards|guidelines)|content polic|against our");
    private static final Pattern CREDIT = Pattern.compile("(?i)credit|balance|quota exceeded|insufficient|payment|subscription");
    private static final Pattern KEY = Pattern.compile("(?i)unauthori[sz]ed|api ?key|token|invalid key|authenticat");
    private static final Pattern LIMIT = Pattern.compile("(?i)too many|rate ?limit");
    private static final Pattern BUSY = Pattern.compile("(?i)busy|try again|temporar|unavailable|timed? ?out|queue (is )?full|overload");
    private static final Pattern IMAGE = Pattern.compile(
            "(?i)(invalid|unsupported|cannot|can't|could not|couldn't|failed to|unable to|unreachable|not found)"
                    + ".{0,40}(image|url|file|download|fetch)|(image|url|file).{0,40}(invalid|unsupported|unreachable|not found|too large)");

    private final Function<HttpReply, JsonNode> parse;

    ImagineProErrors(Function<HttpReply, JsonNode> parse) {
        this.parse = parse;
    }

    /** The error class of a job that ended with FAIL, from its error text. */
    static ErrorClass failureClass(String error) {
        String text = error == null ? "" : error;
        if (REFUSAL.matcher(text).find()) {
            return ErrorClass.REFUSED_CONTENT;
        }
        if (CREDIT.matcher(text).find()) {
            return ErrorClass.OUT_OF_CREDIT;
        }
        if (IMAGE.matcher(text).find()) {
            return ErrorClass.BAD_INPUT;
        }
        return ErrorClass.TRANSIENT;
    }

    RelayException error(String what, HttpReply reply) {
        String detail = detail(reply).orElse(reply.bodySnippet());
        ErrorClass errorClass = switch (reply.status()) {
            case 400 -> refusalClass(detail, ErrorClass.BAD_INPUT);
            case 401, 403 -> CREDIT.matcher(detail).find() ? ErrorClass.OUT_OF_CREDIT : ErrorClass.AUTH;
            default -> HttpStatusErrors.classify(reply.status());
        };
        return HttpStatusErrors.error("ImaginePro (" + what + ")", errorClass, reply, detail);
    }

    /** The class of a refusal given only as text ({@code success:false}, HTTP 400). */
    static ErrorClass refusalClass(String why, ErrorClass otherwise) {
        if (REFUSAL.matcher(why).find()) {
            return ErrorClass.REFUSED_CONTENT;
        }
        if (CREDIT.matcher(why).find()) {
            return ErrorClass.OUT_OF_CREDIT;
        }
        if (KEY.matcher(why).find()) {
            return ErrorClass.AUTH;
        }
        if (LIMIT.matcher(why).find()) {
            return ErrorClass.RATE_LIMITED;
        }
        if (BUSY.matcher(why).find()) {
            return ErrorClass.TRANSIENT;
        }
        return otherwise;
    }

    /** {@code message} (a string or, from validation, a list of strings) and {@code error} of an error body. */
    Optional<String> detail(HttpReply reply) {
        JsonNode json = parse.apply(reply);
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        String message = joined(json.get("message"));
        String error = joined(json.get("error"));
        if (message == null) {
            return Optional.ofNullable(error);
        }
        return Optional.of(error == null || message.contains(error) ? message : error + ": " + message);
    }

    private static String joined(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            StringBuilder all = new StringBuilder();
            node.forEach(part -> {
                if (part.isValueNode() && !part.asText().isBlank()) {
                    all.append(all.isEmpty() ? "" : "; ").append(part.asText().strip());
                }
            });
            return all.isEmpty() ? null : all.toString();
        }
        return node.isValueNode() && !node.asText().isBlank() ? node.asText().strip() : null;
    }
}
