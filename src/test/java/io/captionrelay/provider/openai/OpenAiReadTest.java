package io.captionrelay.provider.openai;

import static io.captionrelay.provider.openai.OpenAiStubs.failure;
import static io.captionrelay.provider.openai.OpenAiStubs.openAiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.ProviderSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The adapter's reading of answers, without Camel: how long a rate limit asks to wait, key masking. */
class OpenAiReadTest {

    private final OpenAiCompatibleAdapter adapter = new OpenAiCompatibleAdapter(new ProviderSettings("openai", "openai",
            key -> Optional.ofNullable(key.equals("relay.provider.openai.model") ? "gpt-4o-mini" : null)));

    private RelayException limited(Map<String, String> headers) {
        String body = openAiError("Rate limit reached", "requests", "rate_limit_exceeded", null);
        RelayException e = failure(() -> adapter.read(new HttpReply(429, body, headers)));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        return e;
    }

    @Test
    void should_wait_retry_after_ms_first() {
        assertThat(limited(Map.of("retry-after-ms", "1500", "Retry-After", "9")).retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void should_wait_retry_after_seconds() {
        assertThat(limited(Map.of("Retry-After", "7")).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void should_wait_for_the_exhausted_openai_limit_to_reset_when_there_is_no_retry_after() {
        Map<String, String> headers = new HashMap<>();
        headers.put("x-ratelimit-remaining-requests", "0");
        headers.put("x-ratelimit-reset-requests", "1m30s");
        headers.put("x-ratelimit-remaining-tokens", "1200");
        headers.put("x-ratelimit-reset-tokens", "6m0s");

        assertThat(limited(headers).retryAfter()).contains(Duration.ofSeconds(90));
    }

    @Test
    void should_leave_the_wait_to_the_default_when_the_server_does_not_say() {
        assertThat(limited(Map.of()).retryAfter()).isEmpty();
        assertThat(limited(Map.of("Retry-After", "soon")).retryAfter()).isEmpty();
    }

    @Test
    void should_read_go_style_durations() {
        assertThat(io.captionrelay.provider.RateLimitHeaders.goDuration("20ms")).contains(Duration.ofMillis(20));
        assertThat(io.captionrelay.provider.RateLimitHeaders.goDuration("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(io.captionrelay.provider.RateLimitHeaders.goDuration("1h2m3s")).contains(Duration.ofSeconds(3723));
        assertThat(io.captionrelay.provider.RateLimitHeaders.goDuration("6m0s")).contains(Duration.ofMinutes(6));
        assertThat(io.captionrelay.provider.RateLimitHeaders.goDuration("soon")).isEmpty();
        assertThat(io.captionrelay.provider.RateLimitHeaders.goDuration("5 s")).isEmpty();
        assertThat(io.captionrelay.provider.RateLimitHeaders.goDuration("")).isEmpty();
    }

    @Test
    void should_mask_what_looks_like_a_key() {
        assertThat(OpenAiErrors.mask("header Authorization: Bearer abc.def-123 was refused"))
                .isEqualTo("header Authorization: Bearer **** was refused");
        assertThat(OpenAiErrors.mask("Incorrect API key provided: sk-proj-AbCdEf123456.")).doesNotContain("AbCdEf123456");
        assertThat(OpenAiErrors.mask("{\"api_key\": \"secret-value-1\"}")).doesNotContain("secret-value-1");
        assertThat(OpenAiErrors.mask("model \"llava\" not found")).isEqualTo("model \"llava\" not found");
        // words are no key: "Incorrect API key provided" survives, also after a label that usually precedes a key
        assertThat(OpenAiErrors.mask("Invalid api_key: Incorrect API key provided")).isEqualTo("Invalid api_key: Incorrect API key provided");
    }

    @Test
    void should_mask_a_key_it_sent_wherever_it_comes_back() throws Exception {
        KeyFingerprints keys = new KeyFingerprints();
        keys.remember("k3y-Value-99");

        assertThat(keys.mask("bad key k3y-Value-99, and again:k3y-Value-99."))
                .isEqualTo("bad key ****, and again:****.");
        assertThat(keys.mask("no key here")).isEqualTo("no key here");
    }

    @Test
    void should_classify_a_413_and_a_422_as_bad_input_and_a_408_as_transient() {
        assertThat(failure(() -> adapter.read(new HttpReply(413, "", Map.of()))).errorClass()).isEqualTo(ErrorClass.BAD_INPUT);
        assertThat(failure(() -> adapter.read(new HttpReply(422, "{\"detail\":[{\"msg\":\"field required\"}]}", Map.of())))
                .getMessage()).contains("field required");
        assertThat(failure(() -> adapter.read(new HttpReply(408, "", Map.of()))).errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    }
}
