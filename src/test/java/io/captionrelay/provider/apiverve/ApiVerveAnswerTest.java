package io.captionrelay.provider.apiverve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;
import io.captionrelay.model.ImageFormat;
import io.captionrelay.model.ProviderAnswer;
import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.ProviderSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading APIVerve's answers without Camel: rate-limit waits, usage, the settings the adapter reads. */
class ApiVerveAnswerTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final ApiVerveAdapter adapter = adapter(Map.of());

    private static ApiVerveAdapter adapter(Map<String, String> values) {
        return new ApiVerveAdapter(new ProviderSettings("apiverve", "apiverve",
                key -> Optional.ofNullable(values.get(key))), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Optional<Duration> waitOf(Map<String, String> headers) {
        RelayException limited = catchThrowableOfType(RelayException.class, () -> adapter.read(new HttpReply(429,
                "{\"status\":\"error\",\"error\":\"Too Many Requests\",\"data\":null}", headers)));
        assertThat(limited.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        return limited.retryAfter();
    }

    @Test
    void should_prefer_retry_after_to_the_rate_limit_reset() {
        assertThat(waitOf(Map.of("Retry-After", "7", "X-RateLimit-Reset", "30"))).contains(Duration.ofSeconds(7));
    }

    @Test
    void should_read_a_small_reset_as_seconds_from_now() {
        assertThat(waitOf(Map.of("X-RateLimit-Reset", "30"))).contains(Duration.ofSeconds(30));
        assertThat(waitOf(Map.of("X-RateLimit-Reset", "1.5"))).contains(Duration.ofMillis(1500));
    }

    @Test
    void should_read_a_large_reset_as_an_epoch_time() {
        assertThat(waitOf(Map.of("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 45)))).contains(Duration.ofSeconds(45));
        assertThat(waitOf(Map.of("X-RateLimit-Reset", Long.toString(NOW.toEpochMilli() + 2500)))).contains(Duration.ofMillis(2500));
        assertThat(waitOf(Map.of("X-RateLimit-Reset", NOW.plusSeconds(12).toString()))).contains(Duration.ofSeconds(12));
    }

    @Test
    void should_not_wait_for_a_reset_in_the_past_and_ignore_an_unreadable_one() {
        assertThat(waitOf(Map.of("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() - 100)))).contains(Duration.ZERO);
        assertThat(waitOf(Map.of("X-RateLimit-Reset", "soon"))).isEmpty();
        assertThat(waitOf(Map.of())).isEmpty();
    }

    @Test
    void should_take_the_rate_limit_wait_from_a_status_error_at_http_200_too() {
        RelayException limited = catchThrowableOfType(RelayException.class, () -> adapter.read(new HttpReply(200,
                "{\"status\":\"error\",\"error\":\"Rate limit exceeded\",\"data\":null}", Map.of("X-RateLimit-Reset", "20"))));
        assertThat(limited.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(20));
    }

    @Test
    void should_keep_rate_limit_headers_as_usage_and_leave_out_missing_ones() throws Exception {
        Map<String, String> headers = new HashMap<>(Map.of("x-ratelimit-remaining", "3", "X-RateLimit-Reset", "soon"));
        ProviderAnswer answer = adapter.read(new HttpReply(200,
                "{\"status\":\"ok\",\"error\":null,\"data\":{\"caption\":\" A cat. \"}}", headers));

        assertThat(answer.caption()).isEqualTo("A cat.");
        assertThat(answer.usage()).containsExactlyInAnyOrderEntriesOf(Map.of("rateLimitRemaining", 3L, "rateLimitReset", "soon"));
        assertThat(answer.providerRequestId()).isNull();
    }

    @Test
    void should_trust_status_ok_with_a_caption_over_a_stray_error_text_but_not_without_a_status() throws Exception {
        ProviderAnswer answer = adapter.read(new HttpReply(200,
                "{\"status\":\"ok\",\"error\":\"deprecated header\",\"data\":{\"caption\":\"A cat.\"}}", Map.of()));
        assertThat(answer.caption()).isEqualTo("A cat.");

        RelayException failure = catchThrowableOfType(RelayException.class, () -> adapter.read(new HttpReply(200,
                "{\"error\":\"Invalid API key\",\"data\":null}", Map.of("X-Request-ID", "r-1"))));
        assertThat(failure.errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThat(failure.getMessage()).isEqualTo("apiverve answered HTTP 200: error: Invalid API key (X-Request-ID r-1)");
    }

    @Test
    void should_classify_undocumented_statuses_as_the_shared_defaults() {
        assertThat(ApiVerveAdapter.classify(402)).isEqualTo(ErrorClass.OUT_OF_CREDIT);
        assertThat(ApiVerveAdapter.classify(403)).isEqualTo(ErrorClass.OUT_OF_CREDIT);
        assertThat(ApiVerveAdapter.classify(408)).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(ApiVerveAdapter.classify(502)).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(ApiVerveAdapter.classify(413)).isEqualTo(ErrorClass.BAD_INPUT);
    }

    @Test
    void should_take_jpeg_png_and_gif_up_to_five_megabytes_unless_configured() {
        assertThat(adapter.requirements().formats()).containsExactlyInAnyOrder(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF);
        assertThat(adapter.requirements().maxBytes()).isEqualTo(5_000_000);
        assertThat(adapter.requirements().keepGps()).isFalse();
        assertThat(adapter.wantsImageUrl()).isFalse();

        ApiVerveAdapter configured = adapter(Map.of("relay.provider.apiverve.max-bytes", "1_000_000",
                "relay.provider.apiverve.keep-gps", "true"));
        assertThat(configured.requirements().maxBytes()).isEqualTo(1_000_000);
        assertThat(configured.requirements().keepGps()).isTrue();
    }
}
