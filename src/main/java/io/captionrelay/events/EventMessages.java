package io.captionrelay.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captionrelay.failure.RelayException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a queue message or a Kafka record names, in the forms the event sources accept:
 * <ul>
 * <li>an S3 event notification ({@code Records[].eventName}, {@code .s3.bucket.name}, {@code .s3.object.key}; keys
 *     URL-encoded, {@code +} for a space), as S3 sends it to SQS and MinIO to Kafka; also wrapped in an SNS envelope;</li>
 * <li>an EventBridge event ({@code detail-type: Object Created}, {@code detail.bucket.name}, {@code detail.object.key});</li>
 * <li>a plain reference: {@code {"bucket": "...", "key": "..."}} or {@code {"file": "..."}}.</li>
 * </ul>
 * Test events ({@code s3:TestEvent}), events for anything but a created object, and objects outside the key prefix
 * ({@code relay.events.prefix}: servers that notify for a whole bucket also tell about the sidecars the app writes
 * there) name nothing: they are ignored. A top-level array of records (some servers send that) reads as Records.
 */
public final class EventMessages {

    /** The objects a message names; when there are none, why it is ignored. */
    public record Parsed(List<ObjectReference> references, String ignored) {
    }

    private static final String CREATED = "ObjectCreated:";

    private final ObjectMapper mapper;
    private final String keyPrefix;

    /** {@code keyPrefix}: only objects whose key starts with it are taken ("" for all); file references are not keys. */
    public EventMessages(ObjectMapper mapper, String keyPrefix) {
        this.mapper = mapper;
        this.keyPrefix = keyPrefix;
    }

    /** @throws RelayException (bad input) when the text is not one of the accepted forms */
    public Parsed parse(String text) throws RelayException {
        JsonNode json;
        try {
            json = text == null ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw RelayException.badInput("not JSON: " + e.getOriginalMessage());
        }
        if (json != null && json.isArray()) {
            return records(json);
        }
        if (json == null || !json.isObject()) {
            throw RelayException.badInput("not a JSON object");
        }
        if ("Notification".equals(json.path("Type").asText()) && json.path("Message").isTextual()) {
            return parse(json.path("Message").asText()); // S3 -> SNS -> SQS
        }
        if ("s3:TestEvent".equals(json.path("Event").asText())) {
            return ignored("s3:TestEvent");
        }
        if (json.path("Records").isArray()) {
            return records(json.path("Records"));
        }
        if (json.has("detail-type")) {
            return eventBridge(json);
        }
        if (json.has("file")) {
            return found(ObjectReference.file(json.path("file").asText(null)));
        }
        if (json.has("bucket") || json.has("key")) {
            return withinPrefix(List.of(ObjectReference.object(json.path("bucket").asText(null), json.path("key").asText(null))));
        }
        throw RelayException.badInput("neither an S3 event, an EventBridge event nor an object or file reference");
    }

    private Parsed records(JsonNode records) throws RelayException {
        List<ObjectReference> created = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (JsonNode record : records) {
            String name = record.path("eventName").asText("");
            String event = name.startsWith("s3:") ? name.substring(3) : name; // MinIO writes s3:ObjectCreated:Put
            if (event.startsWith(CREATED)) {
                JsonNode s3 = record.path("s3");
                String key = s3.path("object").path("key").asText(null);
                created.add(ObjectReference.object(s3.path("bucket").path("name").asText(null), key == null ? null : decode(key)));
            } else {
                others.add(name.isEmpty() ? "a record without eventName" : name);
            }
        }
        return created.isEmpty() ? ignored(others.isEmpty() ? "no records" : String.join(", ", others)) : withinPrefix(created);
    }

    private Parsed eventBridge(JsonNode json) throws RelayException {
        String type = json.path("detail-type").asText();
        if (!"Object Created".equals(type)) {
            return ignored(type);
        }
        JsonNode detail = json.path("detail");
        return withinPrefix(List.of(ObjectReference.object(detail.path("bucket").path("name").asText(null),
                detail.path("object").path("key").asText(null))));
    }

    /** S3 notifications URL-encode keys, a space as {@code +}. */
    private static String decode(String key) {
        return URLDecoder.decode(key, StandardCharsets.UTF_8);
    }

    private Parsed withinPrefix(List<ObjectReference> references) {
        List<ObjectReference> taken = references.stream().filter(r -> r.key().startsWith(keyPrefix)).toList();
        return taken.isEmpty() ? ignored("outside relay.events.prefix '" + keyPrefix + "': " + references) : new Parsed(taken, null);
    }

    private static Parsed found(ObjectReference reference) {
        return new Parsed(List.of(reference), null);
    }

    private static Parsed ignored(String why) {
        return new Parsed(List.of(), why);
    }
}
