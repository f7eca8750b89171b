package io.captionrelay.provider.openai;

import io.captionrelay.image.ImageRequirements;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.provider.ImageForm;
import io.captionrelay.provider.ProviderSettings;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of one OpenAI-compatible task, read and checked once, at construction: a missing model
 * or a value that cannot work stops start-up with the name of the key to fix.
 *
 * @param model          {@code model}: required
 * @param path           {@code path}: appended to {@code base-url}
 * @param prompt         {@code prompt}: the text part of the user message
 * @param customPrompt   true when {@code prompt} was configured (not the built-in one)
 * @param systemPrompt   {@code system-prompt}: sent as a system message only when configured
 * @param language       {@code language}: when set, the prompt asks for an answer in that language
 * @param titleLine      {@code title-line}: take the answer's first line as the title when it looks like one
 * @param maxTokens      {@code max-tokens}
 * @param maxTokensField {@code max-tokens-field}: {@code max_tokens} or {@code max_completion_tokens}
 * @param temperature    {@code temperature}: sent only when configured
 * @param detail         {@code detail}: OpenAI's image detail ({@code low}, {@code high}, {@code auto}), only when configured
 * @param imageByUrl     {@code image-form=url}: send the image's public URL instead of a data URI
 * @param keyHeader      {@code key-header}: the header that carries the key
 * @param keyConfigured  true when {@code api-key} or {@code api-key-file} is set (the key itself is not read here)
 * @param requirements   {@code formats}, {@code max-bytes}, {@code keep-gps}
 * @param structured     {@code structured}: how a JSON answer with tags and alt text is asked for
 * @param maxTags        {@code max-tags}: the most tags asked for and kept
 * @param altTextLength  {@code relay.result.alt-text.max-length}, named in the schema and the prompt
 */
record OpenAiOptions(String model, String path, String prompt, boolean customPrompt, Optional<String> systemPrompt,
                     Optional<String> language, boolean titleLine, long maxTokens, String maxTokensField,
                     Optional<Double> temperature, Optional<String> detail, boolean imageByUrl, String keyHeader,
                     boolean keyConfigured, ImageRequirements requirements, Structured structured, int maxTags,
                     int altTextLength) {

    static final String DEFAULT_PATH = "/v1/chat/completions";
    static final long DEFAULT_MAX_TOKENS = 500;
    static final long DEFAULT_MAX_BYTES = 20_000_000;
    static final Set<ImageFormat> DEFAULT_FORMATS = EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF, ImageFormat.WEBP);

    /** The built-in prompt: a title line, a blank line, then the description (docs/providers/openai.md). */
    static final String DEFAULT_PROMPT = "Describe this image for a photo library. On the first line, write a short "
            + "title of at most eight words, with no label, no quotation marks and no full stop. Then leave one blank "
            + "line and write a description of two to four sentences: what the image shows, the setting, notable "
            + "details, colours and mood. Do not guess the names of people or places unless they are written in the image.";

    /** The built-in prompt when a JSON answer is asked for; the schema (or the instruction after it) names the fields. */
    static final String STRUCTURED_PROMPT = "Describe this image for a photo library: a short title, a one-sentence "
            + "caption, alt text for people who cannot see the image, a description of two to four sentences (what the "
            + "image shows, the setting, notable details, colours and mood) and keywords. Do not guess the names of "
            + "people or places unless they are written in the image.";
    static final int DEFAULT_MAX_TAGS = 10;

    static OpenAiOptions from(ProviderSettings settings) {
        String key = "relay.provider." + settings.id() + ".";
        String model = settings.optional("model").orElseThrow(() -> new IllegalArgumentException(
                key + "model is required: the model to ask, e.g. gpt-4o-mini (OpenAI), llava or llama3.2-vision (Ollama), "
                        + "or the name your vLLM / LM Studio server loaded"));

        String path = settings.string("path", DEFAULT_PATH);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(key + "path must start with '/': " + path);
        }
        path = withoutRepeatedV1(settings.baseUrl(OpenAiPlugin.DEFAULT_BASE_URL).getPath(), path);
        Structured structured = Structured.parse(key + "structured", settings.string("structured", "auto"));
        long maxTags = number(settings, key, "max-tags", DEFAULT_MAX_TAGS);
        if (maxTags < 1 || maxTags > 100) {
            throw new IllegalArgumentException(key + "max-tags must be from 1 to 100: " + maxTags);
        }
        int altTextLength = settings.relaySetting("relay.result.alt-text.max-length").map(Integer::parseInt)
                .orElse(io.captionrelay.model.AltText.DEFAULT_MAX_LENGTH);

        Optional<String> customPrompt = settings.optional("prompt");
        boolean titleLine = settings.optional("title-line").map(v -> strictBool(key + "title-line", v))
                .orElse(customPrompt.isEmpty());

        long maxTokens = number(settings, key, "max-tokens", DEFAULT_MAX_TOKENS);
        if (maxTokens <= 0) {
            throw new IllegalArgumentException(key + "max-tokens must be positive: " + maxTokens);
        }
        String maxTokensField = settings.string("max-tokens-field", "max_tokens");
        if (!maxTokensField.equals("max_tokens") && !maxTokensField.equals("max_completion_tokens")) {
            throw new IllegalArgumentException(key + "max-tokens-field must be max_tokens or max_completion_tokens: " + maxTokensField);
        }

        Optional<Double> temperature = settings.optional("temperature").map(v -> {
            try {
                double t = Double.parseDouble(v);
                if (t < 0 || t > 2 || Double.isNaN(t)) {
                    throw new NumberFormatException();
                }
                return t;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + "temperature must be a number from 0 to 2: " + v);
            }
        });

        Optional<String> detail = settings.optional("detail").map(v -> v.toLowerCase(Locale.ROOT));
        detail.filter(d -> !Set.of("low", "high", "auto").contains(d)).ifPresent(d -> {
            throw new IllegalArgumentException(key + "detail must be low, high or auto: " + d);
        });

        boolean imageByUrl = ImageForm.of(settings) == ImageForm.URL;

        String keyHeader = settings.string("key-header", "Authorization");
        if (!keyHeader.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException(key + "key-header is not a header name: " + keyHeader);
        }

        long maxBytes = number(settings, key, "max-bytes", DEFAULT_MAX_BYTES);
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(key + "max-bytes must be positive: " + maxBytes);
        }
        ImageRequirements requirements = new ImageRequirements(formats(settings.optional("formats"), key), maxBytes,
                settings.optional("keep-gps").map(v -> strictBool(key + "keep-gps", v)).orElse(false));

        boolean keyConfigured = settings.optional("api-key").isPresent() || settings.optional("api-key-file").isPresent();

        String builtIn = structured.asksForJson() ? STRUCTURED_PROMPT : DEFAULT_PROMPT;
        return new OpenAiOptions(model, path, customPrompt.orElse(builtIn), customPrompt.isPresent(),
                settings.optional("system-prompt"), settings.optional("language"), titleLine, maxTokens, maxTokensField,
                temperature, detail, imageByUrl, keyHeader, keyConfigured, requirements, structured, (int) maxTags,
                altTextLength);
    }

    /**
     * The text part of the user message: the prompt, the answer language when one is configured, and (unless
     * {@code structured=off}) the sentence naming the JSON fields.
     */
    String userText() {
        String text = language.map(code -> prompt + " Write the answer in " + languageName(code) + ".").orElse(prompt);
        return structured.asksForJson() ? text + " " + AnswerSchema.instruction(maxTags, altTextLength) : text;
    }

    /**
     * OpenAI's SDKs and Ollama's documents give the base URL with {@code /v1}; the path has it too. A base URL
     * ending in {@code /v1} takes the path without its own {@code /v1}, so both spellings reach one address.
     */
    static String withoutRepeatedV1(String basePath, String path) {
        boolean baseHasV1 = basePath != null && basePath.replaceAll("/+$", "").endsWith("/v1");
        return baseHasV1 && path.startsWith("/v1/") ? path.substring("/v1".length()) : path;
    }

    /** {@code Authorization} carries {@code Bearer <key>}; any other header (Azure's {@code api-key}) the bare key. */
    boolean bearer() {
        return keyHeader.equalsIgnoreCase("Authorization");
    }

    /** "fr" → "French"; a code Java does not know is used as it is. */
    static String languageName(String code) {
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(code) ? code : name;
    }

    private static Set<ImageFormat> formats(Optional<String> configured, String key) {
        if (configured.isEmpty()) {
            return DEFAULT_FORMATS;
        }
        Set<ImageFormat> formats = EnumSet.noneOf(ImageFormat.class);
        for (String name : configured.get().split(",")) {
            String n = name.strip().toUpperCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            if (n.equals("JPG")) {
                n = "JPEG";
            } else if (n.equals("HEIF")) {
                n = "HEIC";
            }
            try {
                formats.add(ImageFormat.valueOf(n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + "formats names an unknown format '" + name.strip()
                        + "'; known: " + Arrays.toString(ImageFormat.values()).toLowerCase(Locale.ROOT));
            }
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException(key + "formats names no format");
        }
        return formats;
    }

    private static long number(ProviderSettings settings, String key, String name, long fallback) {
        try {
            return settings.longValue(name, fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + name + " must be a whole number: " + settings.optional(name).orElse(""));
        }
    }

    private static boolean strictBool(String key, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false: " + value);
    }
}
