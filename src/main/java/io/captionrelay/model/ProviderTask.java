package io.captionrelay.model;

/**
 * One configured piece of work to do on every image: which provider, which of its operations, and
 * what is asked. {@code id} names the task in configuration, sidecar names and logs.
 *
 * @param id        the configured name, e.g. {@code local} or {@code imagedescriber-tags}
 * @param provider  the provider, e.g. {@code imagedescriber}; tasks of one provider share its key and circuit
 * @param operation the provider operation, e.g. {@code describe} or {@code generate_tags}
 * @param prompt    the prompt sent, or null for none
 * @param language  the answer language, or empty when the provider has none
 */
public record ProviderTask(String id, String provider, String operation, String prompt, String language) {

    public ProviderTask {
        language = language == null ? "" : language;
        prompt = prompt == null || prompt.isBlank() ? null : prompt;
    }

    /** The Camel endpoint of the task's provider route. */
    public String endpoint() {
        return "direct:provider-" + id;
    }

    public ResultKey keyFor(String imageSha256) {
        return ResultKey.of(imageSha256, provider, operation, prompt, language);
    }
}
