package io.captionrelay.provider.imaginepro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.Secret;
import io.captionrelay.provider.HttpCall;
import io.captionrelay.provider.HttpReply;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ImaginePro's wire contract (docs/providers/imaginepro.md) without Camel: the submit and fetch requests, and how
 * every answer reads, as a message id, a job message or a {@link RelayException} of the right class.
 */
final class ImagineProApi {

    static final String SUBMIT_PATH = "/api/v1/nova/describe";

    /** The statuses the document names; a few unnamed ones that can only mean failure are read as FAIL. */
    static final Set<String> FAILED = Set.of("FAIL", "FAILED", "ERROR", "CANCELED", "CANCELLED");

    private final ObjectMapper mapper;
    private final String pollPath;
    private final ImagineProErrors errors;

    ImagineProApi(ObjectMapper mapper, String pollPath) {
        this.mapper = mapper;
        this.pollPath = pollPath;
        this.errors = new ImagineProErrors(this::parse);
    }

    /** One job's message as a fetch returned it. */
    record JobMessage(String messageId, String status, Integer progress, String error, ObjectNode json) {

        boolean done() {
            return "DONE".equals(status);
        }

        boolean failed() {
            return FAILED.contains(status);
        }

        String describe() {
            return status + (progress == null ? "" : " " + progress + "%");
        }
    }

    /** HTTP 404 on a fetch: the provider does not know the message. */
    static final class UnknownMessage extends RelayException {
        UnknownMessage(String message) {
            super(ErrorClass.TRANSIENT, message);
        }
    }

    /** A 2xx submit answer that cannot be read: the job may exist, so it must not be sent again automatically. */
    static final class UnreadableAcceptance extends RelayException {
        UnreadableAcceptance(String message) {
            super(ErrorClass.TRANSIENT, message);
        }
    }

    HttpCall submit(URI imageUrl, String ref, String webhookUrl, int timeoutSeconds, Secret key) {
        ObjectNode body = mapper.createObjectNode();
        body.put("url", imageUrl.toString());
        body.put("ref", ref);
        if (webhookUrl != null) {
            body.put("webhookOverride", webhookUrl);
        }
        body.put("timeout", timeoutSeconds);
        try {
            return HttpCall.postJson(SUBMIT_PATH, auth(key), mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the ImaginePro request", e);
        }
    }

    HttpCall fetch(String messageId, Secret key) {
        return HttpCall.get(pollPath.replace("{messageId}", URLEncoder.encode(messageId, StandardCharsets.UTF_8)), auth(key));
    }

    /** The message id of an accepted submit. */
    String readSubmit(HttpReply reply) throws RelayException {
        if (!reply.isSuccess()) {
            throw errors.error("submit", reply);
        }
        JsonNode json = parse(reply);
        if (json == null || !json.isObject()) {
            throw new UnreadableAcceptance("ImaginePro answered the submit with HTTP " + reply.status()
                    + " but no JSON object (" + reply.bodySnippet() + "); the job may exist, so the image is not sent again automatically");
        }
        JsonNode success = json.get("success");
        if (success != null && success.isBoolean() && !success.booleanValue()) {
            String why = text(json, "error").or(() -> text(json, "message")).orElse("no reason given");
            throw new RelayException(ImagineProErrors.refusalClass(why, ErrorClass.BAD_INPUT), "ImaginePro refused the submit: " + Secret.scrub(why));
        }
        String messageId = text(json, "messageId").orElse(null);
        if (messageId == null || (success != null && !success.asBoolean(false))) {
            throw new UnreadableAcceptance("ImaginePro answered the submit without success and a messageId ("
                    + reply.bodySnippet() + "); the job may exist, so the image is not sent again automatically");
        }
        return messageId;
    }

    /** The job's message; HTTP 404 is {@link UnknownMessage}. */
    JobMessage readMessage(String messageId, HttpReply reply) throws RelayException {
        if (reply.status() == 404) {
            throw new UnknownMessage("ImaginePro does not know message " + messageId + " (HTTP 404"
                    + errors.detail(reply).map(d -> ": " + d).orElse("") + ")");
        }
        if (!reply.isSuccess()) {
            throw errors.error("fetch of message " + messageId, reply);
        }
        JsonNode json = parse(reply);
        String status = json == null ? null : text(json, "status").map(s -> s.toUpperCase(Locale.ROOT)).orElse(null);
        if (status == null || !json.isObject()) {
            throw new RelayException(ErrorClass.TRANSIENT, "ImaginePro answered the fetch of message " + messageId
                    + " without a status: " + reply.bodySnippet());
        }
        return new JobMessage(messageId, status, progress(json.get("progress")), text(json, "error").orElse(null),
                (ObjectNode) json);
    }

    JsonNode parse(HttpReply reply) {
        if (reply.body().isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(reply.body());
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    static Optional<String> text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isValueNode() && !node.isNull() && !node.asText().isBlank()
                ? Optional.of(node.asText().strip()) : Optional.empty();
    }

    /** 0–100 as a number or a numeric string ("45", "45.5", "45%"); null when absent or unreadable. */
    static Integer progress(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return clamp(node.asDouble());
        }
        if (node.isTextual()) {
            String text = node.asText().strip().replace("%", "");
            try {
                return clamp(Double.parseDouble(text));
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    private static Integer clamp(double value) {
        return Double.isFinite(value) ? (int) Math.max(0, Math.min(100, Math.round(value))) : null;
    }

    private static Map<String, String> auth(Secret key) {
        return Map.of("Authorization", "Bearer " + key.reveal());
    }
}
