package io.captionrelay.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading providers' JSON answers defensively: anything that is not what was documented gives null. */
public final class JsonAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswers() {
    }

    /** The body as a JSON object, or null when it is empty, not JSON, or not an object. */
    public static JsonNode jsonObject(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** True for a scalar with some text in it. */
    public static boolean hasText(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() && !node.asText().isBlank();
    }
}
