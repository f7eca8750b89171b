package io.captionrelay.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneOffset.UTC);

    private static RateLimitHeaders read(Map<String, String> headers) {
        return RateLimitHeaders.read(new HttpReply(200, "{}", headers), CLOCK).orElseThrow();
    }

    @Test
    void should_read_a_whole_second_reset_as_at_most_that_long() {
        RateLimitHeaders apiVerve = read(Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1"));
        assertThat(apiVerve.remaining()).isZero();
        assertThat(apiVerve.earliestReset()).isZero();
        assertThat(apiVerve.latestReset()).isEqualTo(Duration.ofSeconds(1));

        RateLimitHeaders later = read(Map.of("x-ratelimit-remaining", "2", "x-ratelimit-reset", "42"));
        assertThat(later.earliestReset()).isEqualTo(Duration.ofSeconds(41));
        assertThat(later.latestReset()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void should_read_fractional_seconds_to_their_precision() {
        RateLimitHeaders millis = read(Map.of("X-RateLimit-Remaining", "3", "X-RateLimit-Reset", "0.153"));
        assertThat(millis.earliestReset()).isEqualTo(Duration.ofMillis(152));
        assertThat(millis.latestReset()).isEqualTo(Duration.ofMillis(153));

        RateLimitHeaders tenths = read(Map.of("X-RateLimit-Remaining", "3", "X-RateLimit-Reset", "1.5"));
        assertThat(tenths.earliestReset()).isEqualTo(Duration.ofMillis(1_400));
        assertThat(tenths.latestReset()).isEqualTo(Duration.ofMillis(1_500));
    }

    @Test
    void should_read_epoch_seconds_epoch_millis_and_instants() {
        long epoch = CLOCK.instant().getEpochSecond();
        assertThat(read(Map.of("X-RateLimit-Remaining", "1", "X-RateLimit-Reset", Long.toString(epoch + 30))))
                .isEqualTo(new RateLimitHeaders(1, Duration.ofSeconds(29), Duration.ofSeconds(30)));
        assertThat(read(Map.of("X-RateLimit-Remaining", "1", "X-RateLimit-Reset", Long.toString(epoch * 1000 + 2_500))))
                .isEqualTo(new RateLimitHeaders(1, Duration.ofMillis(2_499), Duration.ofMillis(2_500)));
        assertThat(read(Map.of("X-RateLimit-Remaining", "1", "X-RateLimit-Reset", "2026-12-06T02:00:07Z")))
                .isEqualTo(new RateLimitHeaders(1, Duration.ofSeconds(6), Duration.ofSeconds(7)));
        assertThat(read(Map.of("X-RateLimit-Remaining", "1", "X-RateLimit-Reset", "2026-12-06T01:59:00Z")).latestReset())
                .as("a reset in the past means now").isZero();
    }

    @Test
    void should_read_openai_request_headers_with_go_durations_as_an_upper_bound() {
        RateLimitHeaders openAi = read(Map.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "6m0s",
                "x-ratelimit-remaining-tokens", "149984", "x-ratelimit-reset-tokens", "6ms"));
        assertThat(openAi.remaining()).isZero();
        assertThat(openAi.earliestReset()).isZero(); // the time until the window is whole again: one call may fit sooner
        assertThat(openAi.latestReset()).isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void should_read_every_go_duration_form() {
        assertThat(RateLimitHeaders.goDuration("1s")).contains(Duration.ofSeconds(1));
        assertThat(RateLimitHeaders.goDuration("6m0s")).contains(Duration.ofMinutes(6));
        assertThat(RateLimitHeaders.goDuration("59.5ms")).contains(Duration.ofNanos(59_500_000));
        assertThat(RateLimitHeaders.goDuration("1h2m3.5s")).contains(Duration.ofMillis(3_723_500));
        assertThat(RateLimitHeaders.goDuration("17.2s")).contains(Duration.ofMillis(17_200));
        assertThat(RateLimitHeaders.goDuration("250us")).contains(Duration.ofNanos(250_000));
        assertThat(RateLimitHeaders.goDuration("250µs")).contains(Duration.ofNanos(250_000));
        assertThat(RateLimitHeaders.goDuration("12ns")).contains(Duration.ofNanos(12));
        assertThat(RateLimitHeaders.goDuration("soon")).isEmpty();
        assertThat(RateLimitHeaders.goDuration("1x")).isEmpty();
    }

    @Test
    void should_ignore_half_a_pair_or_unreadable_values() {
        assertThat(RateLimitHeaders.read(new HttpReply(200, "", Map.of("X-RateLimit-Remaining", "3")), CLOCK)).isEmpty();
        assertThat(RateLimitHeaders.read(new HttpReply(200, "", Map.of("X-RateLimit-Remaining", "3", "X-RateLimit-Reset", "later")),
                CLOCK)).isEmpty();
        assertThat(RateLimitHeaders.read(new HttpReply(200, "", Map.of("x-ratelimit-remaining-requests", "3",
                "x-ratelimit-reset-requests", "-1s")), CLOCK)).isEmpty();
    }
}
