package io.captionrelay.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.HttpStatusErrors;
import io.captionrelay.provider.RateLimitHeaders;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every error answer of an OpenAI-compatible server, mapped to an error class (docs/providers/openai.md
 * has the table). Reads the three error body shapes in use: OpenAI's {@code {"error":{"message","type",
 * "code","param"}}}, Ollama's {@code {"error":"message"}}, and vLLM's flat {@code {"object":"error",
 * "message",…}}. Messages never carry a key: anything that looks like one is masked.
 */
final class OpenAiErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 429 codes (or types) that mean the money ran out, not the rate. */
    private static final Set<String> OUT_OF_CREDIT = Set.of("insufficient_quota", "credit_balance_exhausted",
            "organization_spend_limit_exceeded", "project_spend_limit_exceeded", "organization_usage_limit_exceeded",
            "billing_hard_limit_reached", "billing_not_active", "insufficient_credits");
    /** 400 codes that mean the provider refused what the image (or prompt) shows. */
    private static final Set<String> REFUSED = Set.of("content_policy_violation", "content_filter",
            "responsibleaipolicyviolation", "invalid_prompt", "moderation_blocked");
    /** 400 codes and parameters that name a setting, not the image: every image would fail the same way. */
    private static final Set<String> MISCONFIGURED_CODES = Set.of("model_not_found", "unsupported_parameter");
    private static final Set<String> MISCONFIGURED_PARAMS = Set.of("model", "max_tokens", "max_completion_tokens",
            "temperature", "stream");


    private final String provider;
    private final OpenAiOptions options;
    private final KeyFingerprints keys;

    OpenAiErrors(String provider, OpenAiOptions options, KeyFingerprints keys) {
        this.provider = provider;
        this.options = options;
        this.keys = keys;
    }

    /** What the provider said went wrong: its message, type, code and param, from whichever body shape it used. */
    record Said(String message, String type, String code, String param) {

        static Said of(HttpReply reply) {
            JsonNode body;
            try {
                body = reply.body().isBlank() ? null : JSON.readTree(reply.body());
            } catch (java.io.IOException notJson) {
                body = null;
            }
            if (body == null || !body.isObject()) {
                return new Said(reply.bodySnippet(), "", "", "");
            }
            return of(body, reply);
        }

        static Said of(JsonNode body, HttpReply reply) {
            JsonNode error = body.path("error");
            if (error.isTextual()) { // Ollama: {"error": "model 'x' not found"}
                return new Said(error.asText(), "", "", "");
            }
            JsonNode source = error.isObject() ? error : body; // vLLM: {"object":"error","message":…,"type":…}
            String message = OpenAiCompatibleAdapter.text(source.path("message"));
            if (message.isBlank()) {
                JsonNode detail = body.path("detail"); // FastAPI validation errors
                message = detail.isTextual() ? detail.asText() : detail.isMissingNode() ? reply.bodySnippet() : detail.toString();
            }
            String code = OpenAiCompatibleAdapter.text(source.path("code"));
            String inner = OpenAiCompatibleAdapter.text(source.path("innererror").path("code")); // Azure content filter
            return new Said(message, OpenAiCompatibleAdapter.text(source.path("type")),
                    code.isBlank() ? inner : code, OpenAiCompatibleAdapter.text(source.path("param")));
        }

        boolean is(Set<String> names) {
            return names.contains(code.toLowerCase(Locale.ROOT)) || names.contains(type.toLowerCase(Locale.ROOT));
        }

        /** "type/code: message", masked and shortened. */
        String describe() {
            StringBuilder s = new StringBuilder();
            String label = String.join("/", java.util.stream.Stream.of(type, code).filter(v -> !v.isBlank()).toList());
            if (!label.isEmpty()) {
                s.append(label);
            }
            if (!message.isBlank()) {
                s.append(s.length() == 0 ? "" : ": ").append(shorten(message));
            }
            return mask(s.toString());
        }
    }

    /** A non-2xx answer. */
    RelayException forStatus(HttpReply reply) {
        Said said = Said.of(reply);
        int status = reply.status();
        return switch (status) {
            case 401 -> fail(ErrorClass.AUTH, reply, options.keyConfigured()
                    ? "the API key was refused (" + said.describe() + ")"
                    : "the server wants an API key and none is configured: set relay.provider." + provider
                            + ".api-key (" + envName() + ") (" + said.describe() + ")");
            case 403 -> fail(ErrorClass.AUTH, reply, "the key is not allowed to do this (model, project, organisation "
                    + "or region); calling again cannot help until someone changes the key's access (" + said.describe() + ")");
            case 402 -> fail(ErrorClass.OUT_OF_CREDIT, reply, "payment required (" + said.describe() + ")");
            case 404, 405 -> fail(ErrorClass.AUTH, reply, "misconfigured: model '" + options.model() + "' or path '"
                    + options.path() + "' does not exist on this server; check relay.provider." + provider
                    + ".model, .path and .base-url (" + said.describe() + ")");
            case 429 -> said.is(OUT_OF_CREDIT)
                    ? fail(ErrorClass.OUT_OF_CREDIT, reply, "out of credit or over the spend limit (" + said.describe() + ")")
                    : RelayException.rateLimited(message(reply, "rate limited (" + said.describe() + ")"),
                            retryAfter(reply).orElse(null));
            case 400, 422 -> fourHundred(reply, said);
            case 413 -> fail(ErrorClass.BAD_INPUT, reply, "the request is too large for the server (" + said.describe() + ")");
            default -> fail(HttpStatusErrors.classify(status), reply, said.describe());
        };
    }

    private RelayException fourHundred(HttpReply reply, Said said) {
        if (said.is(REFUSED)) {
            return fail(ErrorClass.REFUSED_CONTENT, reply, "content refused (" + said.describe() + ")");
        }
        if (said.is(MISCONFIGURED_CODES) || MISCONFIGURED_PARAMS.contains(said.param().toLowerCase(Locale.ROOT))) {
            return fail(ErrorClass.AUTH, reply, "misconfigured: the server refused a setting, not the image ("
                    + said.describe() + (said.param().isBlank() ? "" : "; param " + said.param())
                    + "); check relay.provider." + provider + ".model, .max-tokens, .max-tokens-field and .temperature");
        }
        return fail(ErrorClass.BAD_INPUT, reply, said.describe());
    }

    /** A 400 or 422 whose error names {@code response_format} (or its {@code json_schema}): the server does not take the schema. */
    boolean refusesResponseFormat(HttpReply reply) {
        if (reply.status() != 400 && reply.status() != 422) {
            return false;
        }
        Said said = Said.of(reply);
        String words = (said.param() + " " + said.message() + " " + said.code()).toLowerCase(Locale.ROOT);
        return words.contains("response_format") || words.contains("json_schema");
    }

    /** structured=auto: the same image is asked again without the schema (a transient retry). */
    RelayException schemaRefusedRetry(HttpReply reply) {
        return fail(ErrorClass.TRANSIENT, reply, "the server does not take response_format json_schema ("
                + Said.of(reply).describe() + "); asking again without it, and so for every later image of this task");
    }

    /** structured=schema: every image would fail the same way. */
    RelayException schemaRefusedStop(HttpReply reply) {
        return fail(ErrorClass.AUTH, reply, "misconfigured: the server does not take response_format json_schema ("
                + Said.of(reply).describe() + "); set relay.provider." + provider + ".structured to auto or json-block");
    }

    /** A 2xx answer whose body is an error object instead of choices: classified like an error status, else transient. */
    RelayException forErrorInSuccess(HttpReply reply, JsonNode body) {
        Said said = Said.of(body, reply);
        if (said.is(OUT_OF_CREDIT)) {
            return fail(ErrorClass.OUT_OF_CREDIT, reply, "out of credit (" + said.describe() + ")");
        }
        if (said.is(REFUSED)) {
            return fail(ErrorClass.REFUSED_CONTENT, reply, "content refused (" + said.describe() + ")");
        }
        return fail(ErrorClass.TRANSIENT, reply, "an error instead of an answer (" + said.describe() + ")");
    }

    /** A 2xx answer that is not a chat completion at all. */
    RelayException garbage(HttpReply reply, String what) {
        String snippet = reply.bodySnippet();
        return fail(ErrorClass.TRANSIENT, reply, "not a chat completion: the answer is " + what
                + (snippet.isEmpty() ? "" : " (" + snippet + ")"));
    }

    RelayException refused(HttpReply reply, String why) {
        return fail(ErrorClass.REFUSED_CONTENT, reply, why);
    }

    /**
     * A completion with no text. Cut off by {@code max_tokens} before any text (a reasoning model that spent
     * the whole budget thinking): every image would go the same way, so it counts as a misconfiguration
     * and stops the provider. Otherwise a passing hiccup, retried.
     */
    RelayException emptyContent(HttpReply reply, String finishReason) {
        if ("length".equals(finishReason)) {
            return fail(ErrorClass.AUTH, reply, "misconfigured: the answer hit " + options.maxTokensField() + "="
                    + options.maxTokens() + " before any text (finish_reason length); raise relay.provider." + provider
                    + ".max-tokens (reasoning models spend tokens before they answer)");
        }
        return fail(ErrorClass.TRANSIENT, reply, "the answer has no text (finish_reason "
                + (finishReason.isBlank() ? "missing" : finishReason) + ")");
    }

    private RelayException fail(ErrorClass errorClass, HttpReply reply, String detail) {
        return new RelayException(errorClass, message(reply, detail));
    }

    private String message(HttpReply reply, String detail) {
        return mask(keys.mask(provider + " answered HTTP " + reply.status() + ": " + detail));
    }

    private String envName() {
        return ("relay.provider." + provider + ".api-key").toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * How long to wait: {@code retry-after-ms} (OpenAI, Azure), else {@code Retry-After} (seconds or a
     * date), else OpenAI's {@code x-ratelimit-reset-requests}/{@code -tokens} ("1s", "6m0s") for the limits
     * whose remaining count is 0 (or not given), the longer of them.
     */
    static Optional<Duration> retryAfter(HttpReply reply) {
        Optional<Duration> millis = reply.header("retry-after-ms").flatMap(v -> {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(v.strip())))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
        if (millis.isPresent()) {
            return millis;
        }
        Optional<Duration> standard = HttpStatusErrors.retryAfter(reply);
        if (standard.isPresent()) {
            return standard;
        }
        Duration longest = null;
        for (String limit : new String[] {"requests", "tokens"}) {
            boolean exhausted = reply.header("x-ratelimit-remaining-" + limit).map(v -> v.strip().equals("0")).orElse(true);
            Optional<Duration> reset = reply.header("x-ratelimit-reset-" + limit).flatMap(RateLimitHeaders::goDuration);
            if (exhausted && reset.isPresent() && (longest == null || reset.get().compareTo(longest) > 0)) {
                longest = reset.get();
            }
        }
        return Optional.ofNullable(longest);
    }

    /** Masks what looks like a key: {@code Bearer …}, {@code sk-…}, {@code api-key: …} (never a plain word). */
    static String mask(String text) {
        return io.captionrelay.model.KeyMask.keyLike(text);
    }

    static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
