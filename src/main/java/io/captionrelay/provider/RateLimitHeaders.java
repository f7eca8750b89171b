package io.captionrelay.provider;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a provider says about its window in every answer: how many calls are left, and when the window
 * has room again, known to lie between {@code earliestReset} and {@code latestReset}. Two forms are read:
 * <ul>
 *   <li>{@code X-RateLimit-Remaining} / {@code X-RateLimit-Reset} (APIVerve and many others). Providers do
 *       not agree on what the reset counts, so a number is read as epoch milliseconds from 10^12, as epoch
 *       seconds from 10^9 (2001-09-09), and below that as seconds from now, fractions allowed ({@code 1.5});
 *       an ISO-8601 instant is the time of the reset. A figure rounded up to whole seconds says "at most
 *       this long": the reset lies within the second before it;</li>
 *   <li>OpenAI's {@code x-ratelimit-remaining-requests} / {@code x-ratelimit-reset-requests}, the reset a Go
 *       duration ({@code 1s}, {@code 6m0s}, {@code 59.5ms}) until the window is whole again: the next call
 *       may fit sooner, so the reset is only an upper bound.</li>
 * </ul>
 * A reset in the past means now.
 */
public record RateLimitHeaders(long remaining, Duration earliestReset, Duration latestReset) {

    static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
    static final long EPOCH_MILLIS_FROM = 1_000_000_000_000L;
    private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|µs|ns|m|s)");
    private static final Pattern GO_DURATION = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:h|ms|us|µs|ns|m|s))+");

    public static Optional<RateLimitHeaders> read(HttpReply reply) {
        return read(reply, Clock.systemUTC());
    }

    static Optional<RateLimitHeaders> read(HttpReply reply, Clock clock) {
        Optional<Long> remaining = reply.header("X-RateLimit-Remaining").flatMap(RateLimitHeaders::number);
        Optional<Bounds> reset = reply.header("X-RateLimit-Reset").flatMap(v -> resetBounds(v, clock));
        if (remaining.isPresent() && reset.isPresent()) {
            return Optional.of(new RateLimitHeaders(remaining.get(), reset.get().earliest(), reset.get().latest()));
        }
        Optional<Long> openAiRemaining = reply.header("x-ratelimit-remaining-requests").flatMap(RateLimitHeaders::number);
        Optional<Duration> openAiReset = reply.header("x-ratelimit-reset-requests").flatMap(RateLimitHeaders::goDuration);
        if (openAiRemaining.isPresent() && openAiReset.isPresent()) {
            return Optional.of(new RateLimitHeaders(openAiRemaining.get(), Duration.ZERO, openAiReset.get()));
        }
        return Optional.empty();
    }

    /** The time until an {@code X-RateLimit-Reset} value, rounded up to the millisecond; empty when unreadable. */
    public static Optional<Duration> untilReset(String value, Clock clock) {
        return resetBounds(value, clock).map(Bounds::latest);
    }

    /** When an {@code X-RateLimit-Reset} value says the window resets: at most {@code latest}, at least {@code earliest}. */
    static Optional<Bounds> resetBounds(String value, Clock clock) {
        String text = value.strip();
        try {
            BigDecimal number = new BigDecimal(text);
            if (number.signum() < 0) {
                return Optional.empty();
            }
            if (number.compareTo(BigDecimal.valueOf(EPOCH_MILLIS_FROM)) >= 0) {
                return Optional.of(Bounds.within(until(Instant.ofEpochMilli(millis(number)), clock), Duration.ofMillis(1)));
            }
            Duration precision = Duration.ofMillis(Math.max(1, BigDecimal.ONE.movePointLeft(Math.max(0, number.scale()))
                    .movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact()));
            if (number.compareTo(BigDecimal.valueOf(EPOCH_SECONDS_FROM)) >= 0) {
                return Optional.of(Bounds.within(until(Instant.ofEpochMilli(millis(number.movePointRight(3))), clock), precision));
            }
            return Optional.of(Bounds.within(Duration.ofMillis(millis(number.movePointRight(3))), precision));
        } catch (NumberFormatException | ArithmeticException notANumber) {
            try {
                Instant at = Instant.parse(text);
                return Optional.of(Bounds.within(until(at, clock), text.contains(".") ? Duration.ofMillis(1) : Duration.ofSeconds(1)));
            } catch (DateTimeParseException notAnInstant) {
                return Optional.empty();
            }
        }
    }

    /** A Go duration as OpenAI writes it ({@code 1s}, {@code 6m0s}, {@code 59.5ms}, {@code 1h2m3.5s}); empty when unreadable. */
    public static Optional<Duration> goDuration(String value) {
        String text = value.strip();
        if (!GO_DURATION.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = GO_PART.matcher(text);
        while (part.find()) {
            BigDecimal amount = new BigDecimal(part.group(1));
            long unit = switch (part.group(2)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                case "us", "µs" -> 1_000L;
                default -> 1L;
            };
            nanos = nanos.add(amount.multiply(BigDecimal.valueOf(unit)));
        }
        return Optional.of(Duration.ofNanos(nanos.setScale(0, RoundingMode.CEILING).longValueExact()));
    }

    /** A reset somewhere from {@code earliest} to {@code latest} from now. */
    record Bounds(Duration earliest, Duration latest) {
        /** A figure rounded up to {@code precision}: the reset lies within one precision step before it. */
        static Bounds within(Duration latest, Duration precision) {
            Duration earliest = latest.minus(precision);
            return new Bounds(earliest.isNegative() ? Duration.ZERO : earliest, latest);
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
