package io.captionrelay.provider.openai;

import static io.captionrelay.provider.SettingDeclaration.optional;
import static io.captionrelay.provider.SettingDeclaration.setting;

import io.captionrelay.provider.ProviderCatalog;
import io.captionrelay.provider.ProviderPlugin;
import io.captionrelay.provider.SettingDeclaration;
import java.util.List;

/** OpenAI-compatible chat completions (OpenAI, Ollama, vLLM, LM Studio, gateways): one synchronous task. */
public final class OpenAiPlugin implements ProviderPlugin {

    static final String DEFAULT_BASE_URL = "https://api.openai.com";

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public List<ProviderCatalog.Entry> tasks() {
        return List.of(ProviderCatalog.Entry.http("openai", name(), "chat_completions", OpenAiCompatibleAdapter::new));
    }

    @Override
    public List<SettingDeclaration> settings() {
        return SettingDeclaration.withBudget(SettingDeclaration.remote(DEFAULT_BASE_URL, "60/1m", 4, 120_000,
                setting("path", OpenAiOptions.DEFAULT_PATH, "appended to base-url; may carry a query"),
                setting("key-header", "Authorization", "the header carrying the key (Authorization sends Bearer <key>)"),
                optional("model", "the vision model to ask; required"),
                optional("prompt", "the text of the user message; a built-in prompt when unset"),
                optional("system-prompt", "a first system message, sent only when set"),
                optional("language", "a language code the answer is asked in"),
                setting("structured", "auto", "auto, schema, json-block or off: how a JSON answer with tags and alt text is asked for"),
                setting("max-tags", Integer.toString(OpenAiOptions.DEFAULT_MAX_TAGS), "the most tags asked for and kept"),
                optional("title-line", "take the answer's first line as the title (on with the built-in prompt)"),
                setting("max-tokens", Long.toString(OpenAiOptions.DEFAULT_MAX_TOKENS), "the most tokens the answer may use"),
                setting("max-tokens-field", "max_tokens", "the JSON name of that limit"),
                optional("temperature", "0 to 2, sent only when set"),
                optional("detail", "image detail: low, high or auto"),
                setting("image-form", "data", "data: a data URI in the request; url: a signed public link"),
                setting("url-ttl", "3600000", "milliseconds an image link stays valid (image-form=url)"),
                setting("formats", "jpeg,png,gif,webp", "formats sent as they are; others are converted"),
                setting("max-bytes", Long.toString(OpenAiOptions.DEFAULT_MAX_BYTES), "largest image sent, in bytes"),
                setting("keep-gps", "false", "true sends the image's GPS location")), "1");
    }
}
