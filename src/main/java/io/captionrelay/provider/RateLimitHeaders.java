package io.captionrelay.provider;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code X-RateLimit-Remaining} / {@code X-RateLimit-Reset} pair many providers send with every
 * answer (APIVerve does): how many calls are left and when the window starts again.
 *
 * <p>Providers do not agree on what the reset counts, so a number is read as epoch milliseconds from
 * 10^12, as epoch seconds from 10^9 (2001-09-09), and below that as seconds from now, fractions allowed
 * ({@code 1.5}); an ISO-8601 instant is read as the time of the reset. A reset in the past means now.
 */
public record RateLimitHeaders(long remaining, Duration untilReset) {

    static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
    static final long EPOCH_MILLIS_FROM = 1_000_000_000_000L;

    public static Optional<RateLimitHeaders> read(HttpReply reply) {
        Optional<Long> remaining = reply.header("X-RateLimit-Remaining").flatMap(RateLimitHeaders::number);
        Optional<Duration> reset = reply.header("X-RateLimit-Reset").flatMap(v -> untilReset(v, Clock.systemUTC()));
        if (remaining.isEmpty() || reset.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RateLimitHeaders(remaining.get(), reset.get()));
    }

    /** The time until an {@code X-RateLimit-Reset} value, rounded up to the millisecond; empty when unreadable. */
    public static Optional<Duration> untilReset(String value, Clock clock) {
        String text = value.strip();
        try {
            BigDecimal number = new BigDecimal(text);
            if (number.signum() < 0) {
                return Optional.empty();
            }
            if (number.compareTo(BigDecimal.valueOf(EPOCH_MILLIS_FROM)) >= 0) {
                return Optional.of(until(Instant.ofEpochMilli(millis(number)), clock));
            }
            if (number.compareTo(BigDecimal.valueOf(EPOCH_SECONDS_FROM)) >= 0) {
                return Optional.of(until(Instant.ofEpochMilli(millis(number.movePointRight(3))), clock));
            }
            return Optional.of(Duration.ofMillis(millis(number.movePointRight(3))));
        } catch (NumberFormatException | ArithmeticException notANumber) {
            try {
                return Optional.of(until(Instant.parse(text), clock));
            } catch (DateTimeParseException notAnInstant) {
                return Optional.empty();
            }
        }
    }

    private static long millis(BigDecimal number) {
        return number.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static Duration until(Instant reset, Clock clock) {
        Duration wait = Duration.between(clock.instant(), reset);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static Optional<Long> number(String value) {
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
