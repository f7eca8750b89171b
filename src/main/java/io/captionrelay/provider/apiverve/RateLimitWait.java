package io.captionrelay.provider.apiverve;

import io.captionrelay.provider.HttpReply;
import io.captionrelay.provider.HttpStatusErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a rate-limited APIVerve call should wait: {@code Retry-After} when given, else
 * {@code X-RateLimit-Reset}. APIVerve does not say what the reset value counts, so a number is read as
 * epoch milliseconds from 10^12, as epoch seconds from 10^9 (2001-09-09), and below that as seconds
 * from now; an ISO-8601 instant is read as the time of the reset. A reset in the past means no wait.
 */
final class RateLimitWait {

    static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
    static final long EPOCH_MILLIS_FROM = 1_000_000_000_000L;

    private final Clock clock;

    RateLimitWait(Clock clock) {
        this.clock = clock;
    }

    Optional<Duration> of(HttpReply reply) {
        return HttpStatusErrors.retryAfter(reply).or(() -> reply.header("X-RateLimit-Reset").flatMap(this::untilReset));
    }

    Optional<Duration> untilReset(String value) {
        String text = value.strip();
        try {
            BigDecimal number = new BigDecimal(text);
            if (number.signum() < 0) {
                return Optional.empty();
            }
            if (number.compareTo(BigDecimal.valueOf(EPOCH_MILLIS_FROM)) >= 0) {
                return Optional.of(until(Instant.ofEpochMilli(number.setScale(0, RoundingMode.CEILING).longValueExact())));
            }
            if (number.compareTo(BigDecimal.valueOf(EPOCH_SECONDS_FROM)) >= 0) {
                return Optional.of(until(Instant.ofEpochMilli(number.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact())));
            }
            return Optional.of(Duration.ofMillis(number.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact()));
        } catch (NumberFormatException | ArithmeticException notANumber) {
            try {
                return Optional.of(until(Instant.parse(text)));
            } catch (DateTimeParseException notAnInstant) {
                return Optional.empty();
            }
        }
    }

    private Duration until(Instant reset) {
        Duration wait = Duration.between(clock.instant(), reset);
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
