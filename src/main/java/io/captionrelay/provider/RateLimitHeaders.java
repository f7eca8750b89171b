package io.captionrelay.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code X-RateLimit-Remaining} / {@code X-RateLimit-Reset} pair many providers send with every
 * answer (APIVerve does): how many calls are left and when the window starts again. The reset is read
 * as epoch seconds when it looks like one, otherwise as seconds from now.
 */
public record RateLimitHeaders(long remaining, Duration untilReset) {

    private static final long EPOCH_SECONDS_2001 = 1_000_000_000L;

    public static Optional<RateLimitHeaders> read(HttpReply reply) {
        Optional<Long> remaining = number(reply, "X-RateLimit-Remaining");
        Optional<Long> reset = number(reply, "X-RateLimit-Reset");
        if (remaining.isEmpty() || reset.isEmpty()) {
            return Optional.empty();
        }
        long value = reset.get();
        Duration untilReset = value >= EPOCH_SECONDS_2001
                ? Duration.between(Instant.now(), Instant.ofEpochSecond(value))
                : Duration.ofSeconds(value);
        return Optional.of(new RateLimitHeaders(remaining.get(), untilReset.isNegative() ? Duration.ZERO : untilReset));
    }

    private static Optional<Long> number(HttpReply reply, String header) {
        return reply.header(header).flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
