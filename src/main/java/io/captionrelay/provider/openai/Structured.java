package io.captionrelay.provider.openai;

import java.util.Locale;

/**
 * How an OpenAI-compatible task asks for a structured answer ({@code structured} setting; docs/providers/openai.md).
 */
enum Structured {
    /** Send the JSON schema as {@code response_format}; when the server refuses it, ask again without it and remember. */
    AUTO,
    /** Always send the schema; a server that refuses it is misconfigured for this task. */
    SCHEMA,
    /** Never send {@code response_format}: the prompt asks for the JSON object, read from the answer's text. */
    JSON_BLOCK,
    /** The plain-text prompt of earlier versions: a title line and a description, no tags. */
    OFF;

    static Structured parse(String key, String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be auto, schema, json-block or off: " + value);
        }
    }

    /** True when the prompt asks for the JSON object (every mode but off). */
    boolean asksForJson() {
        return this != OFF;
    }
}
