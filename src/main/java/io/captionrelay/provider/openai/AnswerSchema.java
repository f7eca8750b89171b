package io.captionrelay.provider.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON schema of a structured answer (title, caption, altText, description, tags), sent as OpenAI's
 * {@code response_format: {"type": "json_schema", "json_schema": {..., "strict": true}}}, which Ollama and vLLM
 * accept too. Strict mode wants every field required and no others.
 */
final class AnswerSchema {

    static final String NAME = "image_description";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AnswerSchema() {
    }

    /** The {@code response_format} object. */
    static ObjectNode responseFormat(int maxTags, int altTextLength) {
        ObjectNode format = JSON.objectNode().put("type", "json_schema");
        ObjectNode jsonSchema = format.putObject("json_schema").put("name", NAME).put("strict", true);
        ObjectNode schema = jsonSchema.putObject("schema").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        text(properties, "title", "a short title of at most eight words");
        text(properties, "caption", "one sentence saying what the image shows");
        text(properties, "altText", "alt text for screen readers, at most " + altTextLength + " characters");
        text(properties, "description", "two to four sentences: subject, setting, notable details, colours and mood");
        ObjectNode tags = properties.putObject("tags").put("type", "array")
                .put("description", "keywords, lower case, most relevant first").put("maxItems", maxTags);
        tags.putObject("items").put("type", "string");
        schema.putArray("required").add("title").add("caption").add("altText").add("description").add("tags");
        schema.put("additionalProperties", false);
        return format;
    }

    private static void text(ObjectNode properties, String name, String description) {
        properties.putObject(name).put("type", "string").put("description", description);
    }

    /** The sentence after the prompt that names the fields, for servers that ignore or refuse the schema. */
    static String instruction(int maxTags, int altTextLength) {
        return "Answer only with a JSON object with the string fields \"title\", \"caption\", \"altText\" (at most "
                + altTextLength + " characters) and \"description\", and \"tags\", an array of at most " + maxTags
                + " keywords.";
    }
}
